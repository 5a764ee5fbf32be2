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
        // The incoming register in SQLite.
        .target(
            name: "Registry",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // Page sources: watch folders (scanners come later).
        .target(
            name: "Capture",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // The named pipeline steps, configuration, recovery and the daemon service.
        .target(
            name: "Pipeline",
            dependencies: [
                "OCR", "Registry", "Capture",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings),
        // The `intake` executable: command line.
        .executableTarget(
            name: "IntakeDaemon",
            dependencies: ["Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings),

        .testTarget(name: "OCRTests", dependencies: ["OCR"], swiftSettings: swiftSettings),
        .testTarget(name: "RegistryTests", dependencies: ["Registry"], swiftSettings: swiftSettings),
        .testTarget(name: "CaptureTests", dependencies: ["Capture"], swiftSettings: swiftSettings),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline"], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: [], swiftSettings: swiftSettings),
    ]
)
