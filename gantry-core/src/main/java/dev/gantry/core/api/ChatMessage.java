package dev.gantry.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One validated chat message. {@code text} is the message's plain text (string content, or the text
 * parts of array content joined by newlines; empty when it has none); {@code json} is the message
 * exactly as the client sent it.
 */
public record ChatMessage(String role, String text, ObjectNode json) {}
