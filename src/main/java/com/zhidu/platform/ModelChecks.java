package com.zhidu.platform;

import java.nio.charset.StandardCharsets;

import com.zhidu.platform.forms.FormSchema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.IdentifierNode;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The rules every process model and form must follow before it runs here (design.md): history TTL,
 * a diagram, a form and a responsible role on every user task, no Java classes or scripts named in the
 * model, a regulation clause on every activity, and forms Tasklist 7.24 can render and the server can
 * check. Used by the build (ModelChecksTest) and meant for the process owner's deploy guard, so it
 * works on named byte contents and never throws for a bad model: it returns every problem it finds.
 */
public final class ModelChecks {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  /** A clause id as the regulation writes it, e.g. §3.2.4. */
  public static final Pattern CLAUSE_ID = Pattern.compile("§\\d+(\\.\\d+)+");

  /** Activities that must name the clause they implement (start/end events and gateways need not). */
  static final Set<String> ACTIVITIES = Set.of("task", "userTask", "serviceTask", "sendTask", "receiveTask",
      "manualTask", "businessRuleTask", "scriptTask", "subProcess", "transaction", "adHocSubProcess",
      "callActivity", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent");

  /**
   * Component types the form-js 1.8 (schemaVersion 16) bundled in the 7.24 Tasklist renders. Anything
   * else (filepicker, documentPreview, ...) shows as an error in Tasklist.
   */
  static final Set<String> FORM_TYPES = Set.of("default", "expression", "textfield", "textarea", "number", "select", "radio",
      "checkbox", "checklist", "taglist", "datetime", "dynamiclist", "group", "html", "separator", "text",
      "spacer", "image", "table", "iframe", "button");

  /** The rule a problem breaks, so tests and tools can tell problems apart without parsing text. */
  public enum Rule {
    UNREADABLE, HISTORY_TTL, DIAGRAM, FORM_REF, ROUTING, JAVA_CLASS, SCRIPT, CLAUSE,
    FORM_JSON, FORM_ID, FORM_DUPLICATE, FORM_TYPE, FORM_FEEL,
    /** An expression that cannot be parsed or reaches for classes or engine internals. */
    EXPRESSION,
    /** An expression naming a Spring bean that is not on the allow-list. */
    BEAN,
    /** A fourEyes declaration the four-eyes guard cannot read, or naming a task the process lacks. */
    FOUR_EYES,
    /** A resource kind the engine would run but Zhidu does not accept (CMMN, non-FEEL decision languages). */
    RESOURCE
  }

  /**
   * Which identifiers in expressions are Spring beans and which of those processes may call. Deploying a
   * model is running code (reliability-security.md §0.5): an expression can call any exposed bean. An
   * identifier that is not a bean is a process variable or a built-in ({@code execution}, {@code task}).
   */
  public record BeanPolicy(Predicate<String> isBean, Set<String> allowedBeans) {}

  /**
   * Method and property names that lead from any value to classes, reflection or the engine's services
   * (e.g. {@code ${"".getClass().forName(...)}}, {@code ${execution.processEngineServices...}}).
   */
  static final Pattern FORBIDDEN_MEMBER = Pattern.compile("(\\.\\s*|\\[\\s*['\"])(getClass|class|forName|"
      + "getMethod|getMethods|getDeclaredMethod|getDeclaredMethods|getDeclaredField|getField|getConstructor|"
      + "getDeclaredConstructor|newInstance|invoke|getRuntime|exec|getClassLoader|loadClass|"
      + "getProcessEngineServices|processEngineServices|getProcessEngine|processEngine|"
      + "getProcessEngineConfiguration|processEngineConfiguration)\\b");

  /**
   * One problem: where (file and element id) and what, in Traditional Chinese for process owners and in
   * English for developers.
   */
  public record Problem(Rule rule, String file, String elementId, String zh, String en) {
    @Override
    public String toString() {
      return file + (elementId == null ? "" : " [" + elementId + "]") + ": " + en + " / " + zh;
    }
  }

  /** A model file: {@code name} relative to its root (processes/…, forms/…), {@code location} for messages. */
  public record Source(String name, String location, byte[] content) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelChecks() {}

  /**
   * Checks the {@code processes/} and {@code forms/} folders under each root together (a user task in
   * one root may use a form of another, form ids must be unique across all).
   */
  public static List<Problem> checkDirectories(Path... roots) {
    List<Source> sources = new ArrayList<>();
    for (Path root : roots) {
      for (String folder : new String[] {"processes", "forms"}) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            String name = folder + "/" + dir.relativize(file).toString().replace('\\', '/');
            sources.add(new Source(name, file.toString().replace('\\', '/'), Files.readAllBytes(file)));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return check(sources);
  }

  /** Checks BPMN ({@code .bpmn}), DMN ({@code .dmn}) and form ({@code .form}) sources; others are ignored. */
  public static List<Problem> check(Collection<Source> sources) {
    return check(sources, Set.of());
  }

  /**
   * As {@link #check(Collection)}, where user tasks may also name forms outside {@code sources} (e.g. a
   * deploy guard checking one changed model against the forms already deployed).
   */
  public static List<Problem> check(Collection<Source> sources, Set<String> knownFormIds) {
    return check(sources, knownFormIds, null);
  }

  /**
   * As {@link #check(Collection, Set)}, and every expression may name only beans on the policy's
   * allow-list ({@code beans} null: the bean rule is skipped, e.g. in the build, which has no Spring context).
   */
  public static List<Problem> check(Collection<Source> sources, Set<String> knownFormIds, BeanPolicy beans) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> formIds = new LinkedHashMap<>();
    for (Source source : sources) {
      if (source.name().endsWith(".form")) {
        checkForm(source, formIds, problems);
      }
    }
    Set<String> usableForms = new HashSet<>(knownFormIds);
    usableForms.addAll(formIds.keySet());
    for (Source source : sources) {
      if (source.name().endsWith(".bpmn")) {
        checkBpmn(source, usableForms, formIds.keySet(), problems);
        checkExpressions(source, beans, problems);
      } else if (source.name().endsWith(".dmn")) {
        checkDmn(source, problems);
        checkExpressions(source, beans, problems);
      }
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------- BPMN

  /**
   * {@code formIds}: forms the model may name; {@code formsHere}: those among the checked sources, the only
   * ones a {@code camunda:formRefBinding="deployment"} finds at run time.
   */
  private static void checkBpmn(Source source, Set<String> formIds, Set<String> formsHere, List<Problem> problems) {
    String file = source.location();
    Document doc = parse(source, problems);
    if (doc == null) {
      return;
    }
    if (doc.getElementsByTagNameNS(BPMNDI, "BPMNDiagram").getLength() == 0) {
      problems.add(new Problem(Rule.DIAGRAM, file, null,
          "缺少流程圖(BPMNDiagram),Modeler 與 Cockpit 無法顯示",
          "no BPMNDiagram: Modeler and Cockpit cannot draw the process"));
    }
    for (Element process : elements(doc, BPMN, "process")) {
      if (attr(process, CAMUNDA, "historyTimeToLive") == null) {
        problems.add(new Problem(Rule.HISTORY_TTL, file, process.getAttribute("id"),
            "流程缺少 camunda:historyTimeToLive(歷史保存期限)",
            "process lacks camunda:historyTimeToLive"));
      }
    }
    for (Element task : elements(doc, BPMN, "userTask")) {
      String id = task.getAttribute("id");
      String formRef = attr(task, CAMUNDA, "formRef");
      if (formRef == null) {
        problems.add(new Problem(Rule.FORM_REF, file, id,
            "使用者任務缺少 camunda:formRef(表單)", "user task lacks camunda:formRef"));
      } else if (!formRef.contains("${") && !formIds.contains(formRef)) {
        problems.add(new Problem(Rule.FORM_REF, file, id,
            "使用者任務引用的表單「" + formRef + "」在 forms/ 中不存在",
            "user task names form '" + formRef + "', which no form in forms/ has as id"));
      } else if (!formRef.contains("${") && "deployment".equals(attr(task, CAMUNDA, "formRefBinding"))
          && !formsHere.contains(formRef)) {
        problems.add(deploymentBindingProblem(file, id, formRef));
      }
      if (attr(task, CAMUNDA, "candidateGroups") == null && attr(task, CAMUNDA, "candidateUsers") == null
          && attr(task, CAMUNDA, "assignee") == null) {
        problems.add(new Problem(Rule.ROUTING, file, id,
            "使用者任務沒有負責角色(candidateGroups、candidateUsers 或 assignee)",
            "user task is routed to nobody: no candidateGroups, candidateUsers or assignee"));
      }
    }
    for (Element start : elements(doc, BPMN, "startEvent")) {
      String formRef = attr(start, CAMUNDA, "formRef");
      if (formRef != null && !formRef.contains("${") && !formIds.contains(formRef)) {
        problems.add(new Problem(Rule.FORM_REF, file, start.getAttribute("id"),
            "開始事件引用的表單「" + formRef + "」在 forms/ 中不存在",
            "start event names form '" + formRef + "', which no form in forms/ has as id"));
      } else if (formRef != null && !formRef.contains("${")
          && "deployment".equals(attr(start, CAMUNDA, "formRefBinding")) && !formsHere.contains(formRef)) {
        problems.add(deploymentBindingProblem(file, start.getAttribute("id"), formRef));
      }
    }
    checkFourEyes(doc, file, problems);
    for (Element element : allElements(doc)) {
      // camunda:class on tasks and event definitions; plain "class" on camunda:taskListener/executionListener.
      boolean javaClass = attr(element, CAMUNDA, "class") != null
          || CAMUNDA.equals(element.getNamespaceURI()) && !element.getAttribute("class").isBlank();
      if (javaClass) {
        problems.add(new Problem(Rule.JAVA_CLASS, file, nearestId(element),
            "使用了 camunda:class;請改用 camunda:delegateExpression 指向 Spring bean",
            element.getLocalName() + " uses camunda:class; use camunda:delegateExpression with a Spring bean"));
      }
      boolean script = BPMN.equals(element.getNamespaceURI()) && "scriptTask".equals(element.getLocalName())
          || CAMUNDA.equals(element.getNamespaceURI()) && "script".equals(element.getLocalName());
      if (script) {
        problems.add(new Problem(Rule.SCRIPT, file, nearestId(element),
            "模型中不允許腳本(scriptTask 或 camunda:script)", "scripts (scriptTask, camunda:script) are not allowed"));
      }
      if (BPMN.equals(element.getNamespaceURI()) && ACTIVITIES.contains(element.getLocalName())
          && !isTechnical(element) && !CLAUSE_ID.matcher(documentation(element) + clauseProperty(element)).find()) {
        problems.add(new Problem(Rule.CLAUSE, file, element.getAttribute("id"),
            "活動的說明(documentation)未註明制度條款編號,例如 §3.2.4",
            element.getLocalName() + " has no clause id such as §3.2.4 in its bpmn:documentation"));
      }
    }
  }

  private static Problem deploymentBindingProblem(String file, String id, String formRef) {
    return new Problem(Rule.FORM_REF, file, id,
        "表單「" + formRef + "」以 formRefBinding=deployment 引用,必須與流程一起部署(在 Modeler 部署時加入該表單檔)",
        "form '" + formRef + "' is bound with formRefBinding=deployment and must be deployed with the process");
  }

  /** The text of the element's own bpmn:documentation children. */
  static String documentation(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && BPMN.equals(e.getNamespaceURI()) && "documentation".equals(e.getLocalName())) {
        text.append(e.getTextContent()).append('\n');
      }
    }
    return text.toString();
  }

  /** Property holding clause ids, set by the element templates (which cannot write bpmn:documentation). */
  public static final String CLAUSE_PROPERTY = "clause";

  /** The value of {@code <camunda:property name="clause">} in the element's own extension elements, or "". */
  static String clauseProperty(Element element) {
    return ownProperty(element, CLAUSE_PROPERTY);
  }

  private static String ownProperty(Element element, String name) {
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element ext && "extensionElements".equals(ext.getLocalName())) {
        for (Element property : elements(ext, CAMUNDA, "property")) {
          if (name.equals(property.getAttribute("name")) && property.getParentNode().getParentNode() == ext) {
            return property.getAttribute("value");
          }
        }
      }
    }
    return "";
  }

  /** Marked by {@code <camunda:property name="technical" value="true"/>} in its own extension elements. */
  private static boolean isTechnical(Element element) {
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element ext && "extensionElements".equals(ext.getLocalName())) {
        for (Element property : elements(ext, CAMUNDA, "property")) {
          if ("technical".equals(property.getAttribute("name")) && "true".equals(property.getAttribute("value"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The form ids the user tasks and start events of a BPMN source name literally (not by expression). */
  public static Set<String> formRefsIn(Source bpmn) {
    Set<String> refs = new TreeSet<>();
    Document doc = parse(bpmn, new ArrayList<>());
    if (doc != null) {
      for (Element element : allElements(doc)) {
        String formRef = attr(element, CAMUNDA, "formRef");
        if (formRef != null && !formRef.contains("${")) {
          refs.add(formRef);
        }
      }
    }
    return refs;
  }

  /** The source as a namespace-aware DOM without DTDs or external entities, or null if it is not XML. */
  public static Document readXml(Source source) {
    return parse(source, new ArrayList<>());
  }

  /** Every clause id written in the documentation of any element of a BPMN source. */
  public static Set<String> clauseIdsIn(Source bpmn) {
    Set<String> ids = new TreeSet<>();
    Document doc = parse(bpmn, new ArrayList<>());
    if (doc != null) {
      List<String> texts = new ArrayList<>();
      elements(doc, BPMN, "documentation").forEach(d -> texts.add(d.getTextContent()));
      elements(doc, CAMUNDA, "property").stream().filter(p -> CLAUSE_PROPERTY.equals(p.getAttribute("name")))
          .forEach(p -> texts.add(p.getAttribute("value")));
      for (String text : texts) {
        var matcher = CLAUSE_ID.matcher(text);
        while (matcher.find()) {
          ids.add(matcher.group());
        }
      }
    }
    return ids;
  }

  // ----------------------------------------------------------------------------------------------- DMN

  /** Decisions need a TTL too: the engine refuses to deploy them without one (enforce-history-time-to-live). */
  private static void checkDmn(Source source, List<Problem> problems) {
    Document doc = parse(source, problems);
    if (doc == null) {
      return;
    }
    for (Element decision : allElements(doc)) {
      if ("decision".equals(decision.getLocalName())
          && attr(decision, "http://camunda.org/schema/1.0/dmn", "historyTimeToLive") == null) {
        problems.add(new Problem(Rule.HISTORY_TTL, source.location(), decision.getAttribute("id"),
            "決策表缺少 camunda:historyTimeToLive(歷史保存期限)", "decision lacks camunda:historyTimeToLive"));
      }
      // JUEL in a decision table can call beans and a script language runs code: FEEL only.
      String language = decision.getAttribute("expressionLanguage");
      if (!language.isBlank() && !FEEL_LANGUAGES.contains(language.toLowerCase(java.util.Locale.ROOT))) {
        problems.add(new Problem(Rule.EXPRESSION, source.location(), nearestId(decision),
            "決策表只可使用 FEEL 運算式,不可使用「" + language + "」",
            "decision tables may use FEEL only, not '" + language + "'"));
      }
    }
  }

  static final Set<String> FEEL_LANGUAGES = Set.of("feel", "feel-scala", "feel-scala-unary-tests",
      "http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/dmn/20191111/feel/");

  // --------------------------------------------------------------------------------------- Four eyes

  /** Each fourEyes declaration parses with the guard's own grammar, sits on a user task and names real tasks. */
  private static void checkFourEyes(Document doc, String file, List<Problem> problems) {
    Set<String> userTasks = new HashSet<>();
    elements(doc, BPMN, "userTask").forEach(t -> userTasks.add(t.getAttribute("id")));
    for (Element property : elements(doc, CAMUNDA, "property")) {
      if (!FourEyesGuard.PROPERTY.equals(property.getAttribute("name"))) {
        continue;
      }
      String owner = nearestId(property);
      Node extension = property.getParentNode() == null ? null : property.getParentNode().getParentNode();
      Node element = extension == null ? null : extension.getParentNode();
      if (!(element instanceof Element task && BPMN.equals(task.getNamespaceURI()) && "userTask".equals(task.getLocalName()))) {
        problems.add(new Problem(Rule.FOUR_EYES, file, owner, "四眼原則(fourEyes)只能宣告在使用者任務上",
            "a fourEyes declaration belongs on a user task"));
        continue;
      }
      try {
        for (FourEyesGuard.Rule rule : FourEyesGuard.parse(property.getAttribute("value"))) {
          if (rule.kind() == FourEyesGuard.Kind.TASK && !userTasks.contains(rule.ref())) {
            problems.add(new Problem(Rule.FOUR_EYES, file, owner,
                "四眼原則引用的任務「" + rule.ref() + "」不是本流程的使用者任務",
                "fourEyes names task '" + rule.ref() + "', which is no user task of this process"));
          }
        }
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(Rule.FOUR_EYES, file, owner,
            "無法解讀四眼原則宣告「" + property.getAttribute("value") + "」:請使用 starter、task:<任務 id> 或 input:<變數名稱>",
            e.getMessage()));
      }
    }
  }

  // ------------------------------------------------------------------------------------- Expressions

  /** Camunda parses expressions with method invocations and varargs enabled; so do we. */
  private static final Builder EL = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  /** BPMN elements whose text is never evaluated (prose); also camunda:string field values, DMN descriptions. */
  private static final Set<String> NOT_EVALUATED = Set.of("documentation", "text");

  /** Every expression in a BPMN or DMN source: parsable, no reflection, and only allowed beans. */
  private static void checkExpressions(Source source, BeanPolicy beans, List<Problem> problems) {
    Document doc = parse(source, new ArrayList<>());
    if (doc == null) {
      return;
    }
    for (Expression expression : expressions(doc)) {
      String file = source.location();
      Tree tree;
      try {
        tree = EL.build(expression.text());
      } catch (TreeBuilderException e) {
        problems.add(new Problem(Rule.EXPRESSION, file, expression.elementId(),
            "無法解讀運算式 " + expression.text() + ":" + e.getMessage(),
            "cannot parse expression " + expression.text() + ": " + e.getMessage()));
        continue;
      }
      if (FORBIDDEN_MEMBER.matcher(expression.text()).find()) {
        problems.add(new Problem(Rule.EXPRESSION, file, expression.elementId(),
            "運算式 " + expression.text() + " 存取了 Java 類別或引擎內部服務,不允許",
            "expression " + expression.text() + " reaches for Java classes or engine internals"));
      }
      if (beans == null) {
        continue;
      }
      for (IdentifierNode identifier : tree.getIdentifierNodes()) {
        String name = identifier.getName();
        if (!BUILT_INS.contains(name) && beans.isBean().test(name) && !beans.allowedBeans().contains(name)) {
          problems.add(new Problem(Rule.BEAN, file, expression.elementId(),
              "運算式 " + expression.text() + " 呼叫了未經允許的系統元件「" + name + "」",
              "expression " + expression.text() + " calls bean '" + name + "', which is not on the allow-list"
                  + " (zhidu.deployment.allowed-beans)"));
        }
      }
    }
  }

  /** Names the engine itself puts into every expression's scope; they shadow beans of the same name. */
  static final Set<String> BUILT_INS = Set.of("execution", "task", "externalTask", "caseExecution",
      "authenticatedUserId");

  /** One expression and the id of the element it belongs to. */
  record Expression(String elementId, String text) {}

  /** Attribute values and element texts holding {@code ${...}} or {@code #{...}}, outside prose. */
  static List<Expression> expressions(Document doc) {
    List<Expression> result = new ArrayList<>();
    for (Element element : allElements(doc)) {
      if (isUnevaluated(element)) {
        continue;
      }
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        String value = ((Attr) attributes.item(i)).getValue();
        if (isExpression(value)) {
          result.add(new Expression(nearestId(element), value.trim()));
        }
      }
      StringBuilder text = new StringBuilder();
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
          text.append(child.getNodeValue());
        }
      }
      if (isExpression(text.toString())) {
        result.add(new Expression(nearestId(element), text.toString().trim()));
      }
    }
    return result;
  }

  private static boolean isUnevaluated(Element element) {
    for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
      boolean prose = BPMN.equals(e.getNamespaceURI()) && NOT_EVALUATED.contains(e.getLocalName())
          || CAMUNDA.equals(e.getNamespaceURI()) && "string".equals(e.getLocalName())
          || "description".equals(e.getLocalName()) && !BPMN.equals(e.getNamespaceURI());
      if (prose) {
        return true;
      }
    }
    return false;
  }

  private static boolean isExpression(String value) {
    return value != null && (value.contains("${") || value.contains("#{"));
  }

  /** The root identifiers (beans or variables) the expressions of a BPMN or DMN source name. */
  public static Set<String> identifiersIn(Source source) {
    Set<String> names = new TreeSet<>();
    Document doc = parse(source, new ArrayList<>());
    if (doc == null) {
      return names;
    }
    for (Expression expression : expressions(doc)) {
      try {
        EL.build(expression.text()).getIdentifierNodes().forEach(n -> names.add(n.getName()));
      } catch (TreeBuilderException e) {
        // Reported by check(); nothing to name here.
      }
    }
    return names;
  }

  /**
   * The beans named as a whole delegate in {@code camunda:delegateExpression="${name}"} on tasks and event
   * definitions (what an element template can set); listeners' {@code delegateExpression} is not included.
   */
  public static Set<String> delegateBeansIn(Source source) {
    Set<String> names = new TreeSet<>();
    Document doc = parse(source, new ArrayList<>());
    if (doc == null) {
      return names;
    }
    Pattern whole = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    for (Element element : allElements(doc)) {
      String value = element.getAttributeNS(CAMUNDA, "delegateExpression");
      var matcher = whole.matcher(value.trim());
      if (matcher.matches()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  // --------------------------------------------------------------------------------------------- Forms

  private static void checkForm(Source source, Map<String, String> formIds, List<Problem> problems) {
    String file = source.location();
    JsonNode form;
    try {
      form = JSON.readTree(source.content());
    } catch (JsonProcessingException e) {
      problems.add(new Problem(Rule.FORM_JSON, file, null, "表單不是有效的 JSON:" + e.getOriginalMessage(),
          "form is not valid JSON: " + e.getOriginalMessage()));
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (form == null || !form.isObject()) {
      problems.add(new Problem(Rule.FORM_JSON, file, null, "表單不是 JSON 物件", "form is not a JSON object"));
      return;
    }
    String id = form.path("id").isTextual() ? form.get("id").asText() : null;
    if (id == null || id.isBlank()) {
      problems.add(new Problem(Rule.FORM_ID, file, null, "表單缺少 id", "form lacks an id"));
    } else {
      String earlier = formIds.putIfAbsent(id, file);
      if (earlier != null) {
        problems.add(new Problem(Rule.FORM_DUPLICATE, file, id, "表單 id 與 " + earlier + " 重複",
            "form id is also used by " + earlier));
      }
      // forms/<folder>/<file>.form: the id starts with "<folder>-" so ids stay unique per procedure.
      // Only for files in the repository layout: a form deployed from Modeler is named by its file alone.
      String[] parts = source.name().split("/");
      String folder = parts.length >= 3 ? parts[1] : null;
      boolean repositoryLayout = source.name().startsWith("forms/");
      if (repositoryLayout
          && (folder == null || !id.startsWith(folder + "-") || id.length() == folder.length() + 1)) {
        problems.add(new Problem(Rule.FORM_ID, file, id,
            "表單 id 應為「<資料夾>-<名稱>」,資料夾為 forms/ 下的所在資料夾"
                + (folder == null ? "(表單須放在 forms/<流程>/ 內)" : "「" + folder + "」"),
            "form id must be '<folder>-<name>' with its folder under forms/"
                + (folder == null ? " (put the form in forms/<procedure>/)" : " '" + folder + "'")));
      }
    }
    checkComponents(form, file, id, problems);
    // What the server-side form validation cannot enforce (FEEL, dotted keys, ...): the validator's own list,
    // so build, deployment and validation agree. Components already refused as unrenderable are not repeated.
    Set<String> unrenderable = new HashSet<>();
    problems.stream().filter(p -> p.rule() == Rule.FORM_TYPE && file.equals(p.file()))
        .forEach(p -> unrenderable.add(p.elementId()));
    for (FormSchema.Problem p : FormSchema.parse(new String(source.content(), StandardCharsets.UTF_8))
        .unsupportedFeatures()) {
      if (!unrenderable.contains(p.component())) {
        problems.add(new Problem(Rule.FORM_FEEL, file, p.component(), p.messageZh(), p.messageEn()));
      }
    }
  }

  private static void checkComponents(JsonNode node, String file, String formId, List<Problem> problems) {
    if (node.isArray()) {
      node.forEach(child -> checkComponents(child, file, formId, problems));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    String label = node.path("key").asText(node.path("id").asText(formId));
    JsonNode type = node.get("type");
    if (type != null && type.isTextual()) {
      if (!FORM_TYPES.contains(type.asText())) {
        problems.add(new Problem(Rule.FORM_TYPE, file, label,
            "Tasklist 7.24(form-js 1.8)無法顯示的元件類型「" + type.asText() + "」",
            "component type '" + type.asText() + "' cannot be rendered by Tasklist 7.24 (form-js 1.8)"));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isContainerNode()) {
        checkComponents(field.getValue(), file, formId, problems);
      }
    }
  }

  // ----------------------------------------------------------------------------------------------- XML

  private static Document parse(Source source, List<Problem> problems) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // Models may come from process owners: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(source.content()));
    } catch (Exception e) {
      problems.add(new Problem(Rule.UNREADABLE, source.location(), null, "不是有效的 XML:" + e.getMessage(),
          "not valid XML: " + e.getMessage()));
      return null;
    }
  }

  private static String attr(Element element, String namespace, String name) {
    String value = element.getAttributeNS(namespace, name);
    return value == null || value.isBlank() ? null : value;
  }

  private static List<Element> elements(Node parent, String namespace, String localName) {
    NodeList list = parent instanceof Document d ? d.getElementsByTagNameNS(namespace, localName)
        : ((Element) parent).getElementsByTagNameNS(namespace, localName);
    List<Element> result = new ArrayList<>(list.getLength());
    for (int i = 0; i < list.getLength(); i++) {
      result.add((Element) list.item(i));
    }
    return result;
  }

  private static List<Element> allElements(Document doc) {
    return elements(doc, "*", "*");
  }

  /** The id of the element or of its nearest ancestor with one (listeners and scripts have none). */
  private static String nearestId(Element element) {
    for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
      if (!e.getAttribute("id").isEmpty()) {
        return e.getAttribute("id");
      }
    }
    return null;
  }

  /** Problems grouped by file, for a readable failure message. */
  public static String describe(List<Problem> problems) {
    Map<String, List<Problem>> byFile = new HashMap<>();
    problems.forEach(p -> byFile.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p));
    StringBuilder text = new StringBuilder(problems.size() + " model problem(s):\n");
    byFile.keySet().stream().sorted().forEach(file -> byFile.get(file).forEach(p -> text.append("- ").append(p).append('\n')));
    return text.toString();
  }
}
