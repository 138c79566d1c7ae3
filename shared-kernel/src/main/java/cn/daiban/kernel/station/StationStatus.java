package cn.daiban.kernel.station;

/** A station's life (`004 §5.4.1`): only an OPEN station takes consultations and delegations. */
public enum StationStatus {
    /** Applied to open, awaiting the supervising level. */
    APPLIED,
    /** Opening refused; the application is closed, the code may not be reused. */
    REFUSED,
    OPEN,
    CLOSED
}
