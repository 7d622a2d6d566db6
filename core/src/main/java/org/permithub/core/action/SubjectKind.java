package org.permithub.core.action;

/** What goes in or out of a confined space: a person or a tool (GB 30871-2022 §6.8c). */
public enum SubjectKind {
    PERSON,
    TOOL
}
