// swift-tools-version:6.1
import PackageDescription

/// Language mode 5 keeps concurrency diagnostics as warnings while C-owning types
/// (Leptonica PIX, Tesseract handles) are confined by hand to one thread at a time.
let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "intake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "intake", targets: ["IntakeDaemon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C libraries from Debian, through pkg-config.
        .systemLibrary(name: "CLeptonica", pkgConfig: "lept", providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract", providers: [.apt(["libtesseract-dev"])]),
        .systemLibrary(name: "CSane", pkgConfig: "sane-backends", providers: [.apt(["libsane-dev"])]),

        // Images, OCR engines, page layout, searchable PDF.
        .target(
            name: "OCR",
            dependencies: ["CLeptonica", "CTesseract", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // Vietnamese administrative-document fields from OCR layout: pure Swift, no I/O.
        .target(name: "Extraction", swiftSettings: swiftSettings),
        // The incoming register in SQLite.
        .target(
            name: "Registry",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // Page sources: watch folders and SANE scanners.
        .target(
            name: "Capture",
            dependencies: ["CSane", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // The named pipeline steps, configuration, recovery and the daemon service.
        .target(
            name: "Pipeline",
            dependencies: [
                "OCR", "Extraction", "Registry", "Capture",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings),
        // The HTTP side: JSON API and the Vietnamese review UI.
        .target(
            name: "Web",
            dependencies: [
                "Registry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings),
        // The `intake` executable: command line.
        .executableTarget(
            name: "IntakeDaemon",
            dependencies: ["Pipeline", "Web", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings),

        .testTarget(name: "OCRTests", dependencies: ["OCR"], swiftSettings: swiftSettings),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction"], swiftSettings: swiftSettings),
        .testTarget(
            name: "WebTests",
            dependencies: ["Web", "Registry", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings),
        .testTarget(name: "RegistryTests", dependencies: ["Registry"], swiftSettings: swiftSettings),
        // The private SANE world (config dir + fixture backend) of the scanner tests.
        .target(name: "SANETestSupport", path: "Tests/SANETestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "SANETestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "SANETestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["SANETestSupport"], swiftSettings: swiftSettings),
    ]
)
