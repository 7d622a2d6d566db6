package org.permithub.api.contract;

/**
 * One OpenAPI contract the hub serves. Declare it as a Spring bean next to the routes that bind
 * it: the hub then serves the file at {@code <base path>/openapi.yaml} and lists it in Swagger UI
 * at {@code /docs}; with {@code validateRequests} its gateway also checks every request under the
 * base path against it (400 problem+json naming each field) before any route sees it.
 *
 * @param name short name shown in Swagger UI, e.g. {@code regulator}
 * @param specResource class-path resource of the OpenAPI 3.0 file, e.g. {@code openapi/regulator.yaml}
 */
public record ApiContract(String name, String specResource, boolean validateRequests) {}
