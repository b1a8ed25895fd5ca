package com.zhidu.platform;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.ognl.ASTAdd;
import org.apache.ibatis.ognl.ASTAnd;
import org.apache.ibatis.ognl.ASTChain;
import org.apache.ibatis.ognl.ASTConst;
import org.apache.ibatis.ognl.ASTEq;
import org.apache.ibatis.ognl.ASTGreater;
import org.apache.ibatis.ognl.ASTGreaterEq;
import org.apache.ibatis.ognl.ASTLessEq;
import org.apache.ibatis.ognl.ASTMethod;
import org.apache.ibatis.ognl.ASTNegate;
import org.apache.ibatis.ognl.ASTNot;
import org.apache.ibatis.ognl.ASTNotEq;
import org.apache.ibatis.ognl.ASTOr;
import org.apache.ibatis.ognl.ASTProperty;
import org.apache.ibatis.ognl.ASTRemainder;
import org.apache.ibatis.ognl.ASTSubtract;
import org.apache.ibatis.ognl.ArrayPropertyAccessor;
import org.apache.ibatis.ognl.ListPropertyAccessor;
import org.apache.ibatis.ognl.MapPropertyAccessor;
import org.apache.ibatis.ognl.Node;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.Ognl;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlOps;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.ognl.PropertyAccessor;
import org.apache.ibatis.ognl.SetPropertyAccessor;
import org.apache.ibatis.reflection.Reflector;
import org.apache.ibatis.scripting.xmltags.OgnlCache;

/**
 * One MyBatis expression ({@code <if test>}, {@code <when test>}, {@code <bind value>}) turned once into Java that
 * computes what OGNL computes for it, without OGNL's per-call cost: a new evaluation context, and for every property
 * the accessor, getter and access checks looked up again (MyBatis evaluates hundreds of these for one task list query;
 * ~10 % of the REST path's CPU, docs/performance.md "Seventh round"). Every operator is OGNL's own ({@link OgnlOps});
 * properties follow OGNL's accessors (MyBatis's bindings, maps, lists, sets, arrays, getters), with the getter OGNL
 * itself picks, resolved once per class. Anything else (a field instead of a getter, indexes, a method other than
 * {@code equals}/{@code contains}/{@code isEmpty}, a getter that throws) is handed to OGNL for that evaluation, so a
 * case this class does not know is evaluated exactly as before; an expression with syntax it does not know is not
 * compiled at all. With {@code -Dzhidu.compiledExpressions.verify=true} (the test suite) every evaluation is also done
 * by OGNL and a difference fails the statement.
 */
final class CompiledExpression {

  static final boolean VERIFY = Boolean.getBoolean("zhidu.compiledExpressions.verify");
  // As ASTChain reads it: with it, a property of null is null instead of an error.
  private static final boolean SHORT_CIRCUIT =
      Boolean.parseBoolean(System.getProperty("ognl.chain.short-circuit", "true"));
  private static final String CONTEXT_ACCESSOR = "org.apache.ibatis.scripting.xmltags.DynamicContext$ContextAccessor";
  private static final String PARAMETER_OBJECT_KEY = "_parameter";

  /** A case this class leaves to OGNL. */
  private static final class ToOgnl extends Exception {
    private static final ToOgnl INSTANCE = new ToOgnl();

    private ToOgnl() {
      super(null, null, false, false);
    }
  }

  private interface Expr {
    Object value(Map<String, Object> root) throws ToOgnl;
  }

  private final String expression;
  private final Expr compiled;

  private CompiledExpression(String expression, Expr compiled) {
    this.expression = expression;
    this.compiled = compiled;
  }

  /** Compiled once per text: the engine's statements repeat the same tests in thousands of nodes. */
  private static final Map<String, Optional<CompiledExpression>> COMPILED = new ConcurrentHashMap<>();

  /** The compiled expression, or null when it uses syntax this class does not compile (MyBatis keeps it). */
  static CompiledExpression compile(String expression) {
    return COMPILED.computeIfAbsent(expression, text -> Optional.ofNullable(compiled(text))).orElse(null);
  }

  private static CompiledExpression compiled(String expression) {
    if (!Reflector.canControlMemberAccessible()) {
      return null; // OGNL would then see only public members; not worth reproducing
    }
    try {
      Expr compiled = compile((Node) Ognl.parseExpression(expression));
      return compiled == null ? null : new CompiledExpression(expression, compiled);
    } catch (OgnlException | RuntimeException e) {
      return null;
    }
  }

  /** What MyBatis's {@code ExpressionEvaluator.evaluateBoolean} answers for the bindings. */
  boolean isTrue(Map<String, Object> bindings) {
    Object value = value(bindings);
    if (value instanceof Boolean truth) {
      return truth;
    }
    if (value instanceof Number number) {
      return new java.math.BigDecimal(String.valueOf(number)).signum() != 0;
    }
    return value != null;
  }

  /** What OGNL's {@code getValue} answers for the bindings (the value of a {@code <bind>}). */
  Object value(Map<String, Object> bindings) {
    Object value;
    try {
      value = compiled.value(bindings);
    } catch (ToOgnl unknown) {
      return OgnlCache.getValue(expression, bindings);
    }
    if (VERIFY) {
      Object byOgnl = OgnlCache.getValue(expression, bindings);
      if (!same(value, byOgnl)) {
        throw new IllegalStateException("Compiled expression '" + expression + "' gave " + value
            + " where OGNL gives " + byOgnl);
      }
    }
    return value;
  }

  private static boolean same(Object a, Object b) {
    return a == b || a != null && a.equals(b) && a.getClass() == b.getClass();
  }

  private static Expr compile(Node node) {
    Expr[] children = new Expr[node.jjtGetNumChildren()];
    if (!(node instanceof ASTChain || node instanceof ASTProperty || node instanceof ASTMethod)) {
      for (int i = 0; i < children.length; i++) {
        children[i] = compile(node.jjtGetChild(i));
        if (children[i] == null) {
          return null;
        }
      }
    }
    if (node instanceof ASTConst constant) {
      Object value = constant.getValue();
      return root -> value;
    }
    if (node instanceof ASTProperty property) {
      Property compiled = Property.of(property);
      return compiled == null ? null : compiled::read;
    }
    if (node instanceof ASTChain) {
      return chain(node);
    }
    if (node instanceof ASTAnd) {
      return root -> {
        Object result = null;
        for (int i = 0; i < children.length; i++) {
          result = children[i].value(root);
          if (i != children.length - 1 && !OgnlOps.booleanValue(result)) {
            break;
          }
        }
        return result;
      };
    }
    if (node instanceof ASTOr) {
      return root -> {
        Object result = null;
        for (int i = 0; i < children.length; i++) {
          result = children[i].value(root);
          if (i != children.length - 1 && OgnlOps.booleanValue(result)) {
            break;
          }
        }
        return result;
      };
    }
    if (node instanceof ASTNot) {
      return root -> OgnlOps.booleanValue(children[0].value(root)) ? Boolean.FALSE : Boolean.TRUE;
    }
    if (children.length == 2) {
      Expr left = children[0];
      Expr right = children[1];
      if (node instanceof ASTEq) {
        return root -> OgnlOps.equal(left.value(root), right.value(root)) ? Boolean.TRUE : Boolean.FALSE;
      }
      if (node instanceof ASTNotEq) {
        return root -> OgnlOps.equal(left.value(root), right.value(root)) ? Boolean.FALSE : Boolean.TRUE;
      }
      if (node instanceof ASTGreater) {
        return root -> OgnlOps.greater(left.value(root), right.value(root)) ? Boolean.TRUE : Boolean.FALSE;
      }
      if (node.getClass().getName().equals("org.apache.ibatis.ognl.ASTLess")) { // not public
        return root -> OgnlOps.less(left.value(root), right.value(root)) ? Boolean.TRUE : Boolean.FALSE;
      }
      if (node instanceof ASTGreaterEq) {
        return root -> OgnlOps.less(left.value(root), right.value(root)) ? Boolean.FALSE : Boolean.TRUE;
      }
      if (node instanceof ASTLessEq) {
        return root -> OgnlOps.greater(left.value(root), right.value(root)) ? Boolean.FALSE : Boolean.TRUE;
      }
      if (node instanceof ASTSubtract) {
        return root -> OgnlOps.subtract(left.value(root), right.value(root));
      }
      if (node instanceof ASTRemainder) {
        return root -> OgnlOps.remainder(left.value(root), right.value(root));
      }
    }
    if (node instanceof ASTAdd && children.length >= 2) {
      return root -> {
        Object result = children[0].value(root);
        for (int i = 1; i < children.length; i++) {
          result = OgnlOps.add(result, children[i].value(root));
        }
        return result;
      };
    }
    if (node instanceof ASTNegate && children.length == 1) {
      return root -> OgnlOps.negate(children[0].value(root));
    }
    return null;
  }

  /** {@code a.b.c}, {@code a.b.equals('x')}: properties and the few methods below, left to right. */
  private static Expr chain(Node node) {
    int length = node.jjtGetNumChildren();
    Link[] links = new Link[length];
    for (int i = 0; i < length; i++) {
      Node child = node.jjtGetChild(i);
      if (child instanceof ASTProperty property) {
        Property compiled = Property.of(property);
        if (compiled == null) {
          return null;
        }
        links[i] = (root, source) -> {
          if (source == null) {
            if (SHORT_CIRCUIT) {
              return null;
            }
            throw ToOgnl.INSTANCE;
          }
          return compiled.read(source);
        };
      } else if (child instanceof ASTMethod method) {
        links[i] = MethodCall.of(method);
        if (links[i] == null) {
          return null;
        }
      } else {
        return null;
      }
    }
    return root -> {
      if (SHORT_CIRCUIT && root == null) {
        return null;
      }
      Object result = root;
      for (Link link : links) {
        result = link.apply(root, result);
      }
      return result;
    };
  }

  private interface Link {
    Object apply(Map<String, Object> root, Object source) throws ToOgnl;
  }

  /** {@code equals(x)}, {@code contains(x)} on a string, {@code isEmpty()} on a string, collection or map. */
  private static final class MethodCall {
    static Link of(ASTMethod method) {
      String name = method.getMethodName();
      int arguments = method.jjtGetNumChildren();
      if (arguments == 0 && "isEmpty".equals(name)) {
        return (root, source) -> {
          if (source instanceof String text) {
            return text.isEmpty();
          }
          if (source instanceof Collection<?> collection) {
            return collection.isEmpty();
          }
          if (source instanceof Map<?, ?> map) {
            return map.isEmpty();
          }
          throw ToOgnl.INSTANCE;
        };
      }
      if (arguments != 1 || !("equals".equals(name) || "contains".equals(name))) {
        return null;
      }
      Expr argument = compile(method.jjtGetChild(0));
      if (argument == null) {
        return null;
      }
      boolean equals = "equals".equals(name);
      return (root, source) -> {
        if (!(source instanceof String text)) {
          throw ToOgnl.INSTANCE;
        }
        Object value = argument.value(root); // OGNL evaluates a method's arguments against the root
        if (equals) {
          return text.equals(value); // String.equals(Object): the one method OGNL finds
        }
        if (value instanceof String part) {
          return text.contains(part);
        }
        throw ToOgnl.INSTANCE;
      };
    }
  }

  /** A named property, read as OGNL's accessor for the object's class reads it. */
  private static final class Property {
    final String name;
    /** Per class: how to read this property from it (OGNL's choice, looked up once). */
    final Map<Class<?>, Reader> readers = new ConcurrentHashMap<>();
    private volatile Last last;

    private record Last(Class<?> type, Reader reader) {}

    private Property(String name) {
      this.name = name;
    }

    static Property of(ASTProperty property) {
      if (property.isIndexedAccess() || property.jjtGetNumChildren() != 1
          || !(property.jjtGetChild(0) instanceof ASTConst constant) || !(constant.getValue() instanceof String name)) {
        return null;
      }
      return new Property(name);
    }

    Object read(Object source) throws ToOgnl {
      Class<?> type = source.getClass();
      Last seen = last; // most nodes always see one class
      Reader reader;
      if (seen != null && seen.type() == type) {
        reader = seen.reader();
      } else {
        reader = readers.computeIfAbsent(type, this::reader);
        last = new Last(type, reader);
      }
      try {
        return reader.read(source);
      } catch (RuntimeException e) {
        throw ToOgnl.INSTANCE; // e.g. MyBatis's bindings asked for a name the parameter lacks: OGNL reports it
      }
    }

    private Reader reader(Class<?> type) {
      PropertyAccessor accessor;
      try {
        accessor = OgnlRuntime.getPropertyAccessor(type);
      } catch (OgnlException e) {
        return source -> {
          throw ToOgnl.INSTANCE;
        };
      }
      if (accessor != null && CONTEXT_ACCESSOR.equals(accessor.getClass().getName())) {
        return source -> { // MyBatis's DynamicContext.ContextAccessor
          Map<?, ?> map = (Map<?, ?>) source;
          Object result = map.get(name);
          if (map.containsKey(name) || result != null) {
            return result;
          }
          return map.get(PARAMETER_OBJECT_KEY) instanceof Map<?, ?> parameter ? parameter.get(name) : null;
        };
      }
      Class<?> kind = accessor == null ? null : accessor.getClass();
      if (kind == MapPropertyAccessor.class) {
        return switch (name) {
          case "size" -> source -> ((Map<?, ?>) source).size();
          case "keys", "keySet" -> source -> ((Map<?, ?>) source).keySet();
          case "values" -> source -> ((Map<?, ?>) source).values();
          case "isEmpty" -> source -> ((Map<?, ?>) source).isEmpty() ? Boolean.TRUE : Boolean.FALSE;
          default -> source -> ((Map<?, ?>) source).get(name);
        };
      }
      if (kind == ListPropertyAccessor.class) {
        switch (name) {
          case "size":
            return source -> ((List<?>) source).size();
          case "iterator":
            return source -> ((List<?>) source).iterator();
          case "isEmpty", "empty":
            return source -> ((List<?>) source).isEmpty() ? Boolean.TRUE : Boolean.FALSE;
          default:
            return getter(type);
        }
      }
      if (kind == SetPropertyAccessor.class) {
        switch (name) {
          case "size":
            return source -> ((Set<?>) source).size();
          case "iterator":
            return source -> ((Set<?>) source).iterator();
          case "isEmpty":
            return source -> ((Set<?>) source).isEmpty() ? Boolean.TRUE : Boolean.FALSE;
          default:
            return getter(type);
        }
      }
      if (kind == ArrayPropertyAccessor.class) {
        return "length".equals(name) ? Array::getLength : getter(type);
      }
      if (kind == ObjectPropertyAccessor.class) {
        return getter(type);
      }
      return source -> {
        throw ToOgnl.INSTANCE;
      };
    }

    /** The method OGNL's ObjectPropertyAccessor calls for the property (its own lookup); a field is left to OGNL. */
    private Reader getter(Class<?> type) {
      Method method = OgnlRuntime.getGetMethod(type, name);
      if (method == null) {
        method = OgnlRuntime.getReadMethod(type, name, null);
      }
      if (method == null) {
        return source -> {
          throw ToOgnl.INSTANCE;
        };
      }
      MethodHandle handle;
      try {
        method.setAccessible(true);
        handle = MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(Object.class, Object.class));
      } catch (IllegalAccessException | RuntimeException e) {
        return source -> {
          throw ToOgnl.INSTANCE;
        };
      }
      return source -> {
        try {
          return (Object) handle.invokeExact(source);
        } catch (Throwable failed) {
          throw ToOgnl.INSTANCE; // OGNL calls it again and reports the failure its own way
        }
      };
    }
  }

  private interface Reader {
    Object read(Object source) throws ToOgnl;
  }
}
