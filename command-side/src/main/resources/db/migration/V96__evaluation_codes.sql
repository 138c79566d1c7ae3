-- One-time codes of evaluation invitations (一事一评 by the client, 003 三(二)3): only the SHA-256 hash of each code.
-- Issued by the query side when it sends the invitation or its reminder (it writes here, as it reads the privacy
-- store of this schema); checked and used once by this side's public evaluation endpoint. Same layout as
-- cn.daiban.security.invitation.EvaluationCodes.ddl, which the query side's tests use.
create table evaluation_code (
    code_hash       char(64)    primary key,
    delegation_id   varchar(36) not null,
    issued_at       timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    used_at         timestamp with time zone,
    notification_id varchar(80)
);
create index evaluation_code_delegation on evaluation_code (delegation_id);
