package org.permithub.hub.regulator;

import java.util.List;
import java.util.Optional;
import org.permithub.api.regulator.ContractorRoster;
import org.permithub.api.regulator.PeopleDirectory;
import org.permithub.api.regulator.PersonIdentity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Workers' identities and contractors from the credential registry (V5 {@code credential_workers},
 * filled by the partner API and contractor feeds). Answers mask name and ID number.
 */
@Component
class CredentialPeople implements PeopleDirectory, ContractorRoster {

    private final JdbcTemplate jdbc;

    CredentialPeople(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PersonIdentity> find(String personId) {
        return jdbc.query("select worker_id, name, id_number from credential_workers where worker_id = ?",
                (rs, i) -> new PersonIdentity(rs.getString(1), rs.getString(2), rs.getString(3)), personId)
                .stream().findFirst();
    }

    @Override
    public List<String> workerIds(String contractorId) {
        return jdbc.queryForList("select worker_id from credential_workers where contractor_id = ? order by worker_id",
                String.class, contractorId);
    }
}
