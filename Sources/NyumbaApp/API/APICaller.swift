import Web

/// Who is calling the API: the user of a bearer token or of the browser's cookies.
struct APICaller {
    let user: CurrentUser?
    /// The login (refresh-token family) of the credentials.
    let family: String?
    /// True for `Authorization: Bearer`, false for cookies.
    let viaBearer: Bool

    static let anonymous = APICaller(user: nil, family: nil, viaBearer: false)

    /// The signed-in user; `access` other than `.anyone` guarantees one.
    func required() throws -> CurrentUser {
        guard let user else { throw APIError.unauthorized }
        return user
    }

    /// The signed-in landlord's id.
    func landlord() throws -> UserID {
        let user = try required()
        guard user.role == .landlord else { throw APIError.notFound }
        return user.id
    }

    /// The signed-in tenant's id.
    func tenant() throws -> UserID {
        let user = try required()
        guard user.role == .tenant else { throw APIError.notFound }
        return user.id
    }

    /// The token of an `Authorization: Bearer <token>` header; nil for another scheme.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
