import ArgumentParser
import ERP

/// `--erp-url URL` or `--erp-config FILE`: the ERP connection, the same on every command that
/// asks the ERP (gateway poll, partner try, partner new).
struct ERPOptions: ParsableArguments {
    @Option(help: ArgumentHelp("ERP base URL, no credentials, e.g. http://127.0.0.1:8085 (or --erp-config).", valueName: "url"))
    var erpUrl: String?

    @Option(help: ArgumentHelp("ERP connection as YAML (docs/erp.md): baseURL, tokenURL, clientId, clientSecret, timeouts, TLS.", valueName: "file"))
    var erpConfig: String?

    var isGiven: Bool { erpUrl != nil || erpConfig != nil }

    /// The connection, checked before anything is opened; nil when neither option is given.
    func connection() throws -> ERPConnection? {
        if let erpConfig { return try ERPConnectionFile.load(path: erpConfig) }
        guard let erpUrl else { return nil }
        let connection = ERPConnection(baseURL: erpUrl)
        try connection.validate()
        return connection
    }
}
