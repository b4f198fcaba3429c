import Crypto

/// The claims of the short-lived access token.
struct AccessClaims: JWTClaims {
    /// The user id.
    let sub: Int64
    /// The user's token version when issued; a raised version voids the token.
    let ver: Int
    /// The refresh-token family (one login); binds the CSRF token to the session.
    let fam: String
    let typ: String
    let iat: Int
    let exp: Int
}

/// The claims of the rotating refresh token; its `jti` is stored server-side.
struct RefreshClaims: JWTClaims {
    let sub: Int64
    let jti: String
    let fam: String
    let typ: String
    let iat: Int
    let exp: Int
}
