package org.permithub.api.regulator;

/** A worker's or guardian's identity as the hub knows it; answers mask name and ID number. */
public record PersonIdentity(String personId, String name, String idNumber) {}
