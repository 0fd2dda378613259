import Hummingbird
import Logging
import Store

/// Turns every error a route throws, and Hummingbird's own 404 for an unknown path, into a
/// problem document, so no client ever has to handle a bare status with a text body.
public struct ProblemResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ConsoleProblem {
            return ConsoleResponse.problem(problem)
        } catch let error as GatewayStoreError {
            let problem = ConsoleProblem(error)
            if problem.status >= 500 { logger.error("\(request.method) \(request.uri.path): \(error)") }
            return ConsoleResponse.problem(problem)
        } catch let error as HTTPError {
            let status = error.status
            return ConsoleResponse.problem(ConsoleProblem(title: status.reasonPhrase, status: status.code,
                                                          detail: error.body ?? "\(request.method) \(request.uri.path)"))
        } catch {
            logger.error("\(request.method) \(request.uri.path): \(error)")
            return ConsoleResponse.problem(ConsoleProblem(title: "Internal error", status: 500, detail: "\(error)"))
        }
    }
}
