package io.switchboard.domain.call;

/** Which callback contract a call was created under: the 2021 origin API's events or the GA API's. */
public enum EventSchema {
    ORIGIN_2021,
    GA
}
