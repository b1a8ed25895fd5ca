package com.zhidu.platform;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.parsing.GenericTokenParser;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.ExpressionEvaluator;
import org.apache.ibatis.scripting.xmltags.ForEachSqlNode;
import org.apache.ibatis.scripting.xmltags.IfSqlNode;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.VarDeclSqlNode;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two parts of MyBatis's dynamic SQL, done once per node instead of on every call, for every statement of the
 * engine (and of Zhidu's own mapper):
 * <ul>
 *   <li>{@code <foreach>}: MyBatis renames each {@code #{item}} of its body with {@code String.replaceFirst}, which
 *       compiles a regular expression for every placeholder of every element on every call. Camunda's authorization
 *       check repeats its body for each permission and each group of the user, so on Zhidu's path that compiling
 *       alone was 4–10 % of the Java samples per case (docs/performance.md, "Fourth round"). {@link CompiledForEach}
 *       writes the same SQL and parameters with the two expressions compiled once.</li>
 *   <li>{@code <if test>}, {@code <when test>} and {@code <bind value>}: MyBatis evaluates each with OGNL, which
 *       builds a context and looks every property up again per call; the engine's task list query alone evaluates
 *       hundreds. {@link CompiledIf} and {@link CompiledBind} evaluate the expression compiled once
 *       ({@link CompiledExpression}), OGNL's answer for every case ("Seventh round").</li>
 * </ul>
 * If a MyBatis upgrade changes a node's fields, the node is left as it is (slower, not wrong); if it changes the
 * fields or what a node writes, {@code SqlNodesCompiledOnceTest} fails the build.
 */
@Component
public class SqlNodesCompiledOnce extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(SqlNodesCompiledOnce.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    replaceIn(configuration.getSqlSessionFactory().getConfiguration());
  }

  /** Replaces the foreach, if, when and bind nodes of every dynamic statement; returns how many it replaced. */
  public static int replaceIn(Configuration mybatis) {
    Set<DynamicSqlSource> sources = Collections.newSetFromMap(new IdentityHashMap<>());
    // Each node visited once, with what took its place (itself if nothing did).
    Map<Object, SqlNode> seen = new IdentityHashMap<>();
    int[] replaced = {0};
    // Object, not MappedStatement: MyBatis keeps a marker object under a short name that two namespaces share.
    for (Object statement : mybatis.getMappedStatements()) {
      if (statement instanceof MappedStatement mapped && mapped.getSqlSource() instanceof DynamicSqlSource source
          && sources.add(source)) {
        replaceChildren(source, seen, replaced);
      }
    }
    return replaced[0];
  }

  /** The node, or its replacement if it has one; its children replaced in either case. */
  private static SqlNode replaced(SqlNode node, Map<Object, SqlNode> seen, int[] replaced) {
    if (seen.containsKey(node)) {
      return seen.get(node);
    }
    seen.put(node, node);
    replaceChildren(node, seen, replaced);
    SqlNode now = node;
    try {
      if (node.getClass() == ForEachSqlNode.class) {
        now = new CompiledForEach(read(ForEachSqlNode.class, node, "configuration"),
            read(ForEachSqlNode.class, node, "contents"), read(ForEachSqlNode.class, node, "collectionExpression"),
            read(ForEachSqlNode.class, node, "nullable"), read(ForEachSqlNode.class, node, "index"),
            read(ForEachSqlNode.class, node, "item"), read(ForEachSqlNode.class, node, "open"),
            read(ForEachSqlNode.class, node, "close"), read(ForEachSqlNode.class, node, "separator"));
      } else if (node.getClass() == IfSqlNode.class) { // <when> is one too
        CompiledExpression test = CompiledExpression.compile(read(IfSqlNode.class, node, "test"));
        if (test != null) {
          now = new CompiledIf(test, read(IfSqlNode.class, node, "contents"));
        }
      } else if (node.getClass() == VarDeclSqlNode.class) {
        CompiledExpression value = CompiledExpression.compile(read(VarDeclSqlNode.class, node, "expression"));
        if (value != null) {
          now = new CompiledBind(read(VarDeclSqlNode.class, node, "name"), value);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("MyBatis's {} is not the one Zhidu knows; left as it is: {}", node.getClass().getSimpleName(),
          e.toString());
    }
    if (now != node) {
      replaced[0]++;
    }
    seen.put(node, now);
    return now;
  }

  /** Replaces, in place, the nodes held by the SqlNode and List fields of a MyBatis scripting object. */
  @SuppressWarnings("unchecked")
  private static void replaceChildren(Object holder, Map<Object, SqlNode> seen, int[] replaced) {
    for (Class<?> type = holder.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      // MyBatis's scripting objects and this class's own nodes (a second pass walks through them).
      if (!type.getName().startsWith("org.apache.ibatis.scripting.")
          && type.getEnclosingClass() != SqlNodesCompiledOnce.class) {
        continue;
      }
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())
            || !(SqlNode.class.isAssignableFrom(field.getType()) || List.class.isAssignableFrom(field.getType()))) {
          continue;
        }
        try {
          field.setAccessible(true);
          Object value = field.get(holder);
          if (value instanceof SqlNode child) {
            SqlNode now = replaced(child, seen, replaced);
            if (now != child) {
              field.set(holder, now);
            }
          } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
              if (list.get(i) instanceof SqlNode child) {
                SqlNode now = replaced(child, seen, replaced);
                if (now != child) {
                  ((List<Object>) list).set(i, now);
                }
              }
            }
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          LOG.warn("Cannot walk MyBatis's {}.{}; its nodes stay as they are: {}", type.getSimpleName(),
              field.getName(), e.toString());
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T read(Class<?> type, Object node, String name) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return (T) field.get(node);
  }

  /** An {@code <if>} or {@code <when>}: writes its body when the test holds, as MyBatis's {@link IfSqlNode}. */
  static final class CompiledIf implements SqlNode {
    private final CompiledExpression test;
    private final SqlNode contents;

    CompiledIf(CompiledExpression test, SqlNode contents) {
      this.test = test;
      this.contents = contents;
    }

    @Override
    public boolean apply(DynamicContext context) {
      if (test.isTrue(context.getBindings())) {
        contents.apply(context);
        return true;
      }
      return false;
    }
  }

  /** A {@code <bind>}: binds the name to the expression's value, as MyBatis's {@link VarDeclSqlNode}. */
  static final class CompiledBind implements SqlNode {
    private final String name;
    private final CompiledExpression value;

    CompiledBind(String name, CompiledExpression value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public boolean apply(DynamicContext context) {
      context.bind(name, value.value(context.getBindings()));
      return true;
    }
  }

  /**
   * A {@code <foreach>}: for each element of the collection, binds the item (and index) under a name unique to that
   * element ({@code __frch_item_N}) and writes the body with its placeholders renamed to it, joined by the separator
   * between {@code open} and {@code close}; what MyBatis's {@link ForEachSqlNode} does, with the renaming
   * expressions compiled once.
   */
  static final class CompiledForEach implements SqlNode {

    private final ExpressionEvaluator evaluator = new ExpressionEvaluator();
    private final Configuration configuration;
    private final SqlNode contents;
    private final String collectionExpression;
    private final Boolean nullable;
    private final String index;
    private final String item;
    private final String open;
    private final String close;
    private final String separator;
    // The expressions MyBatis compiles per placeholder: the name at the start, not followed by another name character.
    private final Pattern itemAtStart;
    private final Pattern indexAtStart;

    CompiledForEach(Configuration configuration, SqlNode contents, String collectionExpression, Boolean nullable,
        String index, String item, String open, String close, String separator) {
      this.configuration = configuration;
      this.contents = contents;
      this.collectionExpression = collectionExpression;
      this.nullable = nullable;
      this.index = index;
      this.item = item;
      this.open = open;
      this.close = close;
      this.separator = separator;
      this.itemAtStart = Pattern.compile("^\\s*" + item + "(?![^.,:\\s])");
      this.indexAtStart = index == null ? null : Pattern.compile("^\\s*" + index + "(?![^.,:\\s])");
    }

    @Override
    public boolean apply(DynamicContext context) {
      Iterable<?> elements = evaluator.evaluateIterable(collectionExpression, context.getBindings(),
          nullable != null ? nullable : configuration.isNullableOnForEach());
      if (elements == null || !elements.iterator().hasNext()) {
        return true;
      }
      if (open != null) {
        context.appendSql(open);
      }
      boolean first = true;
      int position = 0;
      for (Object element : elements) {
        Separated each = new Separated(configuration, context, first || separator == null ? "" : separator);
        int number = each.getUniqueNumber();
        Object key = position;
        Object value = element;
        if (element instanceof Map.Entry<?, ?> entry) {
          key = entry.getKey();
          value = entry.getValue();
        }
        if (index != null) {
          each.bind(index, key);
          each.bind(elementName(index, number), key);
        }
        if (item != null) {
          each.bind(item, value);
          each.bind(elementName(item, number), value);
        }
        contents.apply(new Renamed(configuration, each, number));
        if (first) {
          first = !each.separatorWritten;
        }
        position++;
      }
      if (close != null) {
        context.appendSql(close);
      }
      context.getBindings().remove(item);
      context.getBindings().remove(index);
      return true;
    }

    private static String elementName(String name, int number) {
      return ForEachSqlNode.ITEM_PREFIX + name + "_" + number;
    }

    private static String renamed(Pattern atStart, String placeholder, String name, int number) {
      return atStart.matcher(placeholder).replaceFirst(elementName(name, number));
    }

    /** One element's body: its placeholders of the item (else of the index) renamed to the element's names. */
    private final class Renamed extends Delegating {
      private final int number;

      Renamed(Configuration configuration, DynamicContext delegate, int number) {
        super(configuration, delegate);
        this.number = number;
      }

      @Override
      public void appendSql(String sql) {
        delegate.appendSql(new GenericTokenParser("#{", "}", placeholder -> {
          String renamed = renamed(itemAtStart, placeholder, item, number);
          if (index != null && renamed.equals(placeholder)) {
            renamed = renamed(indexAtStart, placeholder, index, number);
          }
          return "#{" + renamed + "}";
        }).parse(sql));
      }
    }

    /** Writes the separator before the element's first non-blank SQL. */
    private static final class Separated extends Delegating {
      private final String separator;
      private boolean separatorWritten;

      Separated(Configuration configuration, DynamicContext delegate, String separator) {
        super(configuration, delegate);
        this.separator = separator;
      }

      @Override
      public void appendSql(String sql) {
        if (!separatorWritten && sql != null && !sql.trim().isEmpty()) {
          delegate.appendSql(separator);
          separatorWritten = true;
        }
        delegate.appendSql(sql);
      }
    }

    /** A context whose bindings, SQL and numbering are the enclosing context's. */
    private abstract static class Delegating extends DynamicContext {
      final DynamicContext delegate;

      Delegating(Configuration configuration, DynamicContext delegate) {
        super(configuration, null);
        this.delegate = delegate;
      }

      @Override
      public Map<String, Object> getBindings() {
        return delegate.getBindings();
      }

      @Override
      public void bind(String name, Object value) {
        delegate.bind(name, value);
      }

      @Override
      public void appendSql(String sql) {
        delegate.appendSql(sql);
      }

      @Override
      public String getSql() {
        return delegate.getSql();
      }

      @Override
      public int getUniqueNumber() {
        return delegate.getUniqueNumber();
      }
    }
  }
}
