package io.consentinel.decision;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/** The one node factory the engine builds output with. */
final class Nodes {

    static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;

    private Nodes() {}

    static StringNode string(String value) {
        return FACTORY.stringNode(value);
    }
}
