package org.permithub.core.credential;

/** Which law governs a certificate. */
public enum CertificateRegime {
    /** 特种作业操作证, 国家安全监管总局令第30号: valid 6 years, review every 3 years, re-exam after 6 months off the job. */
    SPECIAL_WORK_ORDER_30,
    /** 特种设备作业人员证 (market regulation): only its own expiry date is checked here. */
    SPECIAL_EQUIPMENT
}
