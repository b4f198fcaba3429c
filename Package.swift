// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nyumba",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nyumba", targets: ["nyumba"]),
        // For the fuzz package in fuzz/, which depends on this one by path.
        .library(name: "Web", targets: ["Web"]),
        .library(name: "Daraja", targets: ["Daraja"]),
        .library(name: "SMS", targets: ["SMS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1")
    ],
    targets: [
        // Thin bridges to the C libraries.
        .systemLibrary(name: "CFastCGI", path: "Sources/CFastCGI"),
        .systemLibrary(name: "CMariaDB", path: "Sources/CMariaDB"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
        .systemLibrary(name: "CHiredis", path: "Sources/CHiredis"),
        // libharu (Debian's libhpdf-dev): PDF documents.
        .systemLibrary(name: "CHaru", path: "Sources/CHaru"),
        .target(name: "CCurl", path: "Sources/CCurl", linkerSettings: [.linkedLibrary("curl")]),

        // Generic machinery: knows nothing of rent.
        // A pthread-mutex lock that ThreadSanitizer understands (see Locked.swift).
        .target(name: "Locking"),
        .target(name: "FastCGI", dependencies: ["CFastCGI", "Locking"]),
        .target(name: "Web", dependencies: ["FastCGI", "Locking"]),
        .target(name: "MariaDB", dependencies: ["CMariaDB"]),
        .target(name: "Crypto", dependencies: ["COpenSSL"]),
        // Files dropped atomically into a folder (the development stand-ins for mail and SMS).
        .target(name: "FileDrop"),
        .target(name: "Mail", dependencies: ["CCurl", "FileDrop"]),
        .target(name: "Redis", dependencies: ["CHiredis", "Locking"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),
        .target(name: "Daraja", dependencies: ["HTTPClient", "Crypto", "Locking"]),
        .target(name: "DarajaSimulator", dependencies: ["Daraja", "Crypto", "Locking"]),
        .target(name: "SMS", dependencies: ["HTTPClient", "FileDrop"]),
        // gettext PO catalogues, placeholders, Accept-Language.
        .target(name: "Localization"),
        .target(name: "PDF", dependencies: ["CHaru"]),
        // Reuses DarajaSimulator's small HTTP server.
        .target(name: "SMSSimulator", dependencies: ["SMS", "DarajaSimulator", "Locking"]),

        // The application, organised by feature.
        .target(
            name: "NyumbaApp",
            dependencies: [
                "Web", "MariaDB", "Crypto", "Mail", "Daraja", "DarajaSimulator", "SMS", "SMSSimulator", "Redis",
                "Locking", "Localization", "PDF",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The executable only wires.
        .executableTarget(name: "nyumba", dependencies: ["NyumbaApp"]),

        .testTarget(name: "LockingTests", dependencies: ["Locking"]),
        .testTarget(name: "WebTests", dependencies: ["Web"]),
        .testTarget(name: "MariaDBTests", dependencies: ["MariaDB"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(name: "RedisTests", dependencies: ["Redis"]),
        .testTarget(name: "DarajaTests", dependencies: ["Daraja", "DarajaSimulator", "Locking"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
        .testTarget(name: "SMSTests", dependencies: ["SMS", "SMSSimulator", "DarajaSimulator", "Daraja", "Locking"]),
        .testTarget(name: "PDFTests", dependencies: ["PDF"]),
        .testTarget(
            name: "NyumbaAppTests", dependencies: ["NyumbaApp", "FastCGI", "MariaDB", "Web", "SMS", "Locking"]),
    ]
)
