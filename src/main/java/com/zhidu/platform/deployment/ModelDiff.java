package com.zhidu.platform.deployment;

import com.zhidu.platform.ModelChecks;
import com.zhidu.platform.ModelChecks.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What changed in one process between two versions, by element id: added, removed, changed. An element
 * counts as changed when its own attributes or its content without id (documentation, conditions,
 * listeners, properties) differ; diagram positions are not compared.
 */
public final class ModelDiff {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  /** The change summary of one process; {@code previousVersion} null for a new process. */
  public record ProcessChange(String processKey, Integer previousVersion, List<String> added, List<String> removed,
      List<String> changed) {}

  private ModelDiff() {}

  /** The process ids declared in a BPMN source. */
  public static List<String> processIds(Source bpmn) {
    List<String> ids = new ArrayList<>();
    Document doc = ModelChecks.readXml(bpmn);
    if (doc != null) {
      var list = doc.getElementsByTagNameNS(BPMN, "process");
      for (int i = 0; i < list.getLength(); i++) {
        ids.add(((Element) list.item(i)).getAttribute("id"));
      }
    }
    return ids;
  }

  /** Compares process {@code key} in {@code before} (null: none) and {@code after}. */
  public static ProcessChange compare(String key, Integer previousVersion, Source before, Source after) {
    return compare(key, previousVersion, before == null ? Map.of() : fingerprints(before, key), fingerprints(after, key));
  }

  /** Compares decision {@code key} (its rules, inputs and outputs by id) in two DMN sources. */
  public static ProcessChange compareDecision(String key, Source before, Source after) {
    return compare(key, null, fingerprints(before, DMN, "decision", key), fingerprints(after, DMN, "decision", key));
  }

  private static ProcessChange compare(String key, Integer previousVersion, Map<String, String> old,
      Map<String, String> now) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    now.forEach((id, print) -> {
      if (!old.containsKey(id)) {
        added.add(id);
      } else if (!old.get(id).equals(print)) {
        changed.add(id);
      }
    });
    old.keySet().stream().filter(id -> !now.containsKey(id)).forEach(removed::add);
    return new ProcessChange(key, previousVersion, added, removed, changed);
  }

  /** Element id to a canonical text of the element, for every element with an id inside the process. */
  static Map<String, String> fingerprints(Source source, String processKey) {
    return fingerprints(source, BPMN, "process", processKey);
  }

  /** As for a process, for the element {@code namespace:localName} with id {@code key} (e.g. a DMN decision). */
  static Map<String, String> fingerprints(Source source, String namespace, String localName, String key) {
    Map<String, String> prints = new TreeMap<>();
    Document doc = ModelChecks.readXml(source);
    if (doc == null) {
      return prints;
    }
    var processes = doc.getElementsByTagNameNS(namespace, localName);
    for (int i = 0; i < processes.getLength(); i++) {
      Element process = (Element) processes.item(i);
      if (key.equals(process.getAttribute("id"))) {
        collect(process, prints);
      }
    }
    return prints;
  }

  private static void collect(Element element, Map<String, String> prints) {
    if (!element.getAttribute("id").isEmpty()) {
      StringBuilder text = new StringBuilder();
      canonical(element, text, true);
      prints.put(element.getAttribute("id"), text.toString());
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        collect(e, prints);
      }
    }
  }

  /** Name, sorted attributes, trimmed text and children; children with their own id are compared on their own. */
  private static void canonical(Element element, StringBuilder text, boolean root) {
    if (!root && !element.getAttribute("id").isEmpty()) {
      // Reported as added or removed on its own; the parent (e.g. the process) is not changed by it.
      return;
    }
    text.append('<').append(element.getNamespaceURI()).append(':').append(element.getLocalName());
    NamedNodeMap all = element.getAttributes();
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < all.getLength(); i++) {
      Attr attr = (Attr) all.item(i);
      if (!"http://www.w3.org/2000/xmlns/".equals(attr.getNamespaceURI())) {
        sorted.put(attr.getNamespaceURI() + ":" + attr.getLocalName(), attr.getValue());
      }
    }
    sorted.forEach((name, value) -> text.append(' ').append(name).append("=\"").append(value).append('"'));
    text.append('>');
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        canonical(e, text, false);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue().trim());
      }
    }
    text.append("</>");
  }
}
