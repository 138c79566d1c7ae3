package cn.daiban.kernel.delegation;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.common.UnifiedSocialCreditCode;

/**
 * The client (服务对象) of a delegation: a citizen with their resident ID, or an enterprise with its credit code
 * and a contact person. Identity numbers are optional for an assist; a proxy needs them (checked when it is
 * commissioned). Name, ID and phone are personal data.
 */
public record Client(ClientKind kind, @PersonalData String name, @PersonalData ResidentId residentId, UnifiedSocialCreditCode creditCode,
                     @PersonalData PhoneNumber phone, @PersonalData String contactPerson) {

    public Client {
        Require.present(kind, "client.kind");
        name = Require.text(name, "client.name", 100);
        contactPerson = Require.optionalText(contactPerson, "client.contactPerson", 32);
        if (kind == ClientKind.CITIZEN && creditCode != null) {
            throw new InvalidValueException("client.creditCode", "applies to enterprises only");
        }
        if (kind == ClientKind.ENTERPRISE && residentId != null && contactPerson == null) {
            throw new InvalidValueException("client.contactPerson",
                    "is required with a resident ID for an enterprise: whose ID is it");
        }
    }

    /** Whether the client is identified well enough to be handled for (代办): identity number and phone. */
    public boolean identifiedForProxy() {
        boolean identity = kind == ClientKind.CITIZEN ? residentId != null : creditCode != null;
        return identity && phone != null;
    }
}
