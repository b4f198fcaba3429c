// swift-tools-version:6.0
// libFuzzer targets for the parsers that read what a client or M-Pesa sends. Kept out of
// the main package so `make test` never builds them; `make fuzz` (scripts/fuzz.sh) builds
// them with `-sanitize=fuzzer,address` and runs each on its corpus in corpus/<target>/.
import PackageDescription

let package = Package(
    name: "nyumba-fuzz",
    dependencies: [.package(name: "nyumba", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "fuzz-request", dependencies: ["FuzzSupport", .product(name: "Web", package: "nyumba")]),
        .executableTarget(name: "fuzz-form", dependencies: ["FuzzSupport", .product(name: "Web", package: "nyumba")]),
        .executableTarget(
            name: "fuzz-cookie", dependencies: ["FuzzSupport", .product(name: "Web", package: "nyumba")]),
        .executableTarget(name: "fuzz-json", dependencies: ["FuzzSupport", .product(name: "Web", package: "nyumba")]),
        .executableTarget(
            name: "fuzz-stk-callback", dependencies: ["FuzzSupport", .product(name: "Daraja", package: "nyumba")]),
        .executableTarget(
            name: "fuzz-c2b-confirmation",
            dependencies: ["FuzzSupport", .product(name: "Daraja", package: "nyumba")]),
        .executableTarget(
            name: "fuzz-sms-report", dependencies: ["FuzzSupport", .product(name: "SMS", package: "nyumba")]),
    ]
)
