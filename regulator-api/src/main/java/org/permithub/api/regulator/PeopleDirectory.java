package org.permithub.api.regulator;

import java.util.Optional;

/**
 * Names and ID numbers of workers and guardians (filled by the contractor API). Answers mask them
 * ({@link org.permithub.api.http.Masking}); empty when the hub does not know the person.
 */
public interface PeopleDirectory {

    Optional<PersonIdentity> find(String personId);
}
