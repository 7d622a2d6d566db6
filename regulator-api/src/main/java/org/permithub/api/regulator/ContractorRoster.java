package org.permithub.api.regulator;

import java.util.List;

/**
 * Which workers belong to a contractor (kept by the contractor API), for the contractor filter of
 * {@code searchPermits}: a contractor's permits are those one of its workers is on.
 */
public interface ContractorRoster {

    List<String> workerIds(String contractorId);
}
