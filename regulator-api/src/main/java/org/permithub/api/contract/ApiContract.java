package org.permithub.api.contract;

/**
 * One OpenAPI contract the hub serves. Declare it as a Spring bean next to the routes that bind
 * it: the hub then serves the file at {@code <base path>/openapi.yaml}, lists it in Swagger UI at
 * {@code /docs}, and validates every request under its base path against it.
 *
 * @param name short name shown in Swagger UI, e.g. {@code regulator}
 * @param specResource class-path resource of the OpenAPI 3.0 file, e.g. {@code openapi/regulator.yaml}
 */
public record ApiContract(String name, String specResource) {}
