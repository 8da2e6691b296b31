package dev.sluice.libvirt;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A domain definition as {@code virsh dumpxml} prints it, read with the JDK's XML parser (no DTDs,
 * no external entities), and a disk's source changed in it for {@code virsh define}.
 */
public final class DomainXml {

    private DomainXml() {
    }

    /** The domain's name, uuid, type, memory, vCPUs and disks. */
    public static LibvirtDomain parse(String xml) throws LibvirtException {
        Element domain = document(xml).getDocumentElement();
        if (!"domain".equals(domain.getTagName())) {
            throw LibvirtException.unexpected("<" + domain.getTagName() + "> instead of <domain>");
        }
        List<LibvirtDisk> disks = new ArrayList<>();
        Element devices = child(domain, "devices");
        if (devices != null) {
            for (Element disk : children(devices, "disk")) {
                disks.add(disk(disk));
            }
        }
        Element memory = child(domain, "memory");
        Element vcpu = child(domain, "vcpu");
        return new LibvirtDomain(text(child(domain, "uuid")), text(child(domain, "name")), domain.getAttribute("type"),
                devices == null ? "" : text(child(devices, "emulator")),
                memory == null ? 0 : kib(text(memory), memory.getAttribute("unit")),
                vcpu == null ? 0 : parseInt(text(vcpu)), disks);
    }

    private static LibvirtDisk disk(Element disk) {
        LibvirtDisk.SourceType type = LibvirtDisk.SourceType.of(disk.getAttribute("type"));
        Element source = child(disk, "source");
        String src = null;
        if (source != null) {
            src = switch (type) {
                case FILE -> attr(source, "file");
                case BLOCK -> attr(source, "dev");
                case DIR -> attr(source, "dir");
                case VOLUME -> attr(source, "pool") + "/" + attr(source, "volume");
                case NETWORK -> attr(source, "protocol") + ":" + attr(source, "name");
                default -> null;
            };
        }
        Element driver = child(disk, "driver");
        Element target = child(disk, "target");
        String device = disk.getAttribute("device");
        return new LibvirtDisk(type, device.isEmpty() ? "disk" : device, driver == null ? null : attr(driver, "type"), src,
                target == null ? null : attr(target, "dev"), target == null ? null : attr(target, "bus"),
                child(disk, "readonly") != null);
    }

    /**
     * The definition with the block disk at {@code target} reading {@code to} instead of {@code from}.
     * Everything else stays as it was; libvirt normalises the text again when it is defined.
     *
     * @throws LibvirtException when no block disk at {@code target} reads {@code from} (it was changed meanwhile)
     */
    public static String repoint(String xml, String target, String from, String to) throws LibvirtException {
        Document doc = document(xml);
        Element devices = child(doc.getDocumentElement(), "devices");
        for (Element disk : devices == null ? List.<Element>of() : children(devices, "disk")) {
            Element t = child(disk, "target");
            Element source = child(disk, "source");
            if (t != null && target.equals(t.getAttribute("dev")) && "block".equals(disk.getAttribute("type")) && source != null) {
                if (!from.equals(source.getAttribute("dev"))) {
                    throw LibvirtException.definitionChanged(target, from, source.getAttribute("dev"));
                }
                source.setAttribute("dev", to);
                return write(doc);
            }
        }
        throw LibvirtException.definitionChanged(target, from, null);
    }

    /** The source of the block disk at {@code target} in {@code xml}, or null. */
    public static String blockSource(String xml, String target) throws LibvirtException {
        for (LibvirtDisk d : parse(xml).disks()) {
            if (target.equals(d.target()) && d.type() == LibvirtDisk.SourceType.BLOCK) {
                return d.source();
            }
        }
        return null;
    }

    private static Document document(String xml) throws LibvirtException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | java.io.IOException e) {
            throw LibvirtException.unexpected("not a domain definition: " + e.getMessage());
        }
    }

    private static String write(Document doc) throws LibvirtException {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw LibvirtException.unexpected("cannot write the definition: " + e.getMessage());
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())
                    && e.getNamespaceURI() == null) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName()) && e.getNamespaceURI() == null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().strip();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** libvirt's memory units (it prints KiB; a hand-written definition may use others). */
    static long kib(String value, String unit) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
        String u = unit == null || unit.isEmpty() ? "kib" : unit.toLowerCase(Locale.ROOT);
        return switch (u) {
            case "b", "bytes" -> v / 1024;
            case "kb" -> v * 1000 / 1024;
            case "k", "kib" -> v;
            case "mb" -> v * 1_000_000 / 1024;
            case "m", "mib" -> v * 1024;
            case "gb" -> v * 1_000_000_000 / 1024;
            case "g", "gib" -> v * 1024 * 1024;
            case "tb" -> v * 1_000_000_000_000L / 1024;
            case "t", "tib" -> v * 1024L * 1024 * 1024;
            default -> v;
        };
    }
}
