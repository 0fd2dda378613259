/// Who asked for a change, when a person or a system asked through the API (a token's name):
/// set around a request by the HTTP server, written into the audit entries of the changes the
/// request makes (`by`).
public enum AuditCaller {
    @TaskLocal public static var name: String?
}
