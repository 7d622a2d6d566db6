package org.permithub.core.permit;

/** 堵盲板 or 抽盲板: each is its own permit (GB 30871-2022 §7.11). */
public enum BlindPlateAction {
    INSERT,
    REMOVE
}
