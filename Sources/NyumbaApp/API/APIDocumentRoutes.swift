import Foundation
import Web

/// Serves the OpenAPI document kept in the repository at `api/openapi.json` (found next to
/// the templates folder, or at `NYUMBA_OPENAPI_PATH`), read once at start-up.
enum APIDocumentRoutes {
    static func register(in router: inout Router<AppContext>, config: Config) {
        let path =
            ProcessInfo.processInfo.environment["NYUMBA_OPENAPI_PATH"]
            ?? URL(fileURLWithPath: config.templatesDirectory).deletingLastPathComponent()
            .appendingPathComponent("api/openapi.json").path
        guard let data = FileManager.default.contents(atPath: path) else {
            Log.warning("api: no OpenAPI document at \(path); /api/v1/openapi.json answers 404")
            return
        }
        let body = Array(data)
        router.add("GET", "/api/v1/openapi.json") { _, _ in
            var response = Response(contentType: "application/json", body: body)
            response.setHeader("Cache-Control", "public, max-age=300")
            return response
        }
    }
}
