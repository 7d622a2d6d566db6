package org.permithub.core.action;

/** What changed about a permitted job; any change voids the permit. */
public enum ChangeKind {
    /** 作业内容变更 (§4.16). */
    CONTENT("GB30871-2022 §4.16"),
    /** 作业范围扩大 (§4.16). */
    SCOPE("GB30871-2022 §4.16"),
    /** 作业地点转移 (§4.16). */
    LOCATION("GB30871-2022 §4.16"),
    /** 工艺条件改变 (§4.17). */
    PROCESS_CONDITIONS("GB30871-2022 §4.17"),
    /** 作业条件改变 (§4.17). */
    WORK_CONDITIONS("GB30871-2022 §4.17"),
    /** 作业方式改变 (§4.17). */
    METHOD("GB30871-2022 §4.17"),
    /** 作业环境改变 (§4.17). */
    ENVIRONMENT("GB30871-2022 §4.17");

    private final String clause;

    ChangeKind(String clause) {
        this.clause = clause;
    }

    public String clause() {
        return clause;
    }
}
