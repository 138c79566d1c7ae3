package cn.daiban.security.privacy;

/** How views and exports show a resident ID or phone number to readers whose role does not need it in full. */
public final class Mask {

    private Mask() {
    }

    /** 13912345678 → 139****5678 */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() <= 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    /** 11010519491231002X → 1101**********002X */
    public static String residentId(String id) {
        if (id == null) {
            return null;
        }
        return id.length() <= 8 ? "****" : id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }
}
