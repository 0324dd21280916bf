// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "kinerja",
    products: [
        .executable(name: "kinerja", targets: ["kinerja"]),
        .library(name: "KinerjaCore", targets: ["KinerjaCore"]),
    ],
    targets: [
        .target(name: "KinerjaCore", swiftSettings: strictSettings),
        .executableTarget(name: "kinerja", dependencies: ["KinerjaCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "KinerjaCoreTests",
            dependencies: ["KinerjaCore"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "kinerjaTests", dependencies: ["KinerjaCore"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
