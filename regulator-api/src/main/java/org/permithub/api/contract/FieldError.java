package org.permithub.api.contract;

/**
 * One way a request or response breaks its contract.
 *
 * @param field where: a parameter name ({@code limit}) or a body path ({@code body.items[0].state})
 */
public record FieldError(String field, String message) {}
