package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as a Jackson tree (for JSON-Schema validation) that remembers where each node
 * started, by JSON pointer, so every message can name a line and a column.
 */
final class YamlTree {

    record Position(int line, int column) {}

    private final JsonNode root;
    private final Map<String, Position> positions;

    private YamlTree(JsonNode root, Map<String, Position> positions) {
        this.root = root;
        this.positions = positions;
    }

    /** @throws org.yaml.snakeyaml.error.MarkedYAMLException when the text is not YAML */
    static YamlTree parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // route files are small; this bounds what a hostile file can make the parser do
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        Node node = new Yaml(options).compose(new StringReader(text));
        Map<String, Position> positions = new HashMap<>();
        JsonNode root = node == null ? JsonNodeFactory.instance.nullNode() : convert(node, "", positions);
        return new YamlTree(root, positions);
    }

    JsonNode root() {
        return root;
    }

    /** Where the node at this JSON pointer starts; its nearest known parent if it is missing (e.g. a required key). */
    Position at(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Position position = positions.get(p);
            if (position != null) {
                return position;
            }
            if (p.isEmpty()) {
                return new Position(1, 1);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static JsonNode convert(Node node, String pointer, Map<String, Position> positions) {
        Mark mark = node.getStartMark();
        positions.put(pointer, new Position(mark.getLine() + 1, mark.getColumn() + 1));
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
                String child = pointer + "/" + escape(key);
                object.set(key, convert(tuple.getValueNode(), child, positions));
                if (!(tuple.getValueNode() instanceof ScalarNode)) {
                    // a block under a key: point at the key, where an editor shows the step
                    Mark keyMark = tuple.getKeyNode().getStartMark();
                    positions.put(child, new Position(keyMark.getLine() + 1, keyMark.getColumn() + 1));
                }
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                array.add(convert(sequence.getValue().get(i), pointer + "/" + i, positions));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        // plain scalars keep YAML's implicit types, as Camel's loader reads them
        if (scalar.isPlain()) {
            if (Tag.NULL.equals(tag)) {
                return JsonNodeFactory.instance.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
            }
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                try {
                    BigDecimal number = new BigDecimal(value.replace("_", ""));
                    return number.scale() <= 0 && Tag.INT.equals(tag)
                            ? JsonNodeFactory.instance.numberNode(number.toBigIntegerExact())
                            : JsonNodeFactory.instance.numberNode(number);
                } catch (NumberFormatException | ArithmeticException e) {
                    return JsonNodeFactory.instance.textNode(value);
                }
            }
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
