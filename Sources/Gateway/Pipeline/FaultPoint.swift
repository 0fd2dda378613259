import Foundation
import Store

/// Named moments between the pipeline's durable steps where a test can end the process the
/// hardest way there is. With `EDIGATE_FAULT_KILL_AT=<point>` in the environment the process
/// sends itself SIGKILL on reaching that point: no cleanup, no flush, exactly what a power cut
/// or the OOM killer does. Unset (always, in production) it costs one comparison.
///
/// Points: `received` (a file recorded, nothing answered), `acknowledged` (TA1/997/999 queued,
/// not uploaded), `uploaded:<type>` (an upload landed, not yet marked sent), `decided` (the ERP
/// entered the order, nothing recorded), `855-pending` (the 855 queued, not uploaded),
/// `change-decided` (the ERP changed the order, nothing recorded), `865-pending` (the 865
/// queued, not uploaded), `sent` (everything uploaded, the file not yet marked done).
enum FaultPoint {
    private static let target: String? = ProcessInfo.processInfo.environment["EDIGATE_FAULT_KILL_AT"]

    static func reach(_ point: String) {
        guard let target, target == point else { return }
        kill(getpid(), SIGKILL)
    }
}
