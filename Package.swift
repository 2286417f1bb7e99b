// swift-tools-version:6.0
import PackageDescription

// Layers, one direction of travel: khcn (commands, output) → Registry (domain, storage)
// → Postgres (libpq wrapper, knows nothing about the registry) → CLibPQ (module map).
let package = Package(
    name: "khcn",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "khcn", targets: ["khcn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // SHA-256 of imported files, from the system's libcrypto (never hand-written).
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(name: "Registry", dependencies: ["Postgres", "CCrypto"]),
        .executableTarget(
            name: "khcn",
            dependencies: [
                "Registry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Postgres", "Registry"], path: "Tests/TestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "TestSupport"]),
        .testTarget(name: "KhcnTests", dependencies: ["khcn", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
