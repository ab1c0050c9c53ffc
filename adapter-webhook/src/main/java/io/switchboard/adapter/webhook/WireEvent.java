package io.switchboard.adapter.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One event as a schema puts it on the wire: the CloudEvent {@code type} suffix and its {@code data}. */
record WireEvent(String name, ObjectNode data) {

    String type() {
        return "Microsoft.Communication." + name;
    }
}
