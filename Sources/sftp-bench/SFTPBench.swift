// Measures SFTPTransport against a server started by scripts/sshd-start.sh; run through
// scripts/bench-sftp.sh, which also runs OpenSSH's sftp on the same server and files.
import Foundation
import Transport

@main
struct SFTPBench {
    static func main() async throws {
        let smallDirectory = URL(fileURLWithPath: option("small-dir"))
        let bigFile = URL(fileURLWithPath: option("big-file"))
        let downloads = URL(fileURLWithPath: option("download-dir"))
        let smallRemote = option("small-remote")
        let bigRemote = option("big-remote")
        let fsyncUploads = option("fsync") == "yes"

        let configuration = SFTPConfiguration(
            host: option("host"), port: Int(option("port"))!, user: option("user"),
            authentication: .privateKey(path: option("key"), passphrase: nil),
            hostKey: HostKeyPin(fingerprint: option("fingerprint"), keyType: option("key-type")),
            reconnect: .never, fsyncUploads: fsyncUploads,
            bufferSize: CommandLine.arguments.contains("--buffer") ? Int(option("buffer"))! : SFTPConfiguration.defaultBufferSize)
        let transport = SFTPTransport(configuration)
        let clock = ContinuousClock()

        let connect = try await clock.measure { try await transport.connect() }
        print("connect \(seconds(connect))")

        let names = try FileManager.default.contentsOfDirectory(atPath: smallDirectory.path).sorted()
        let smallUp = try await clock.measure {
            for name in names {
                _ = try await transport.upload(.file(smallDirectory.appendingPathComponent(name)), to: smallRemote, as: name)
            }
        }
        print("small-up \(seconds(smallUp)) \(names.count)")

        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        var downloaded = 0
        let smallDown = try await clock.measure {
            for file in try await transport.list(smallRemote) where file.kind == .regularFile {
                _ = try await transport.download(file.name, from: smallRemote, to: downloads.appendingPathComponent(file.name), maxBytes: nil)
                downloaded += 1
            }
        }
        print("small-down \(seconds(smallDown)) \(downloaded)")

        let bigUp = try await clock.measure {
            _ = try await transport.upload(.file(bigFile), to: bigRemote, as: bigFile.lastPathComponent)
        }
        print("big-up \(seconds(bigUp))")

        let bigDown = try await clock.measure {
            _ = try await transport.download(bigFile.lastPathComponent, from: bigRemote,
                                             to: downloads.appendingPathComponent(bigFile.lastPathComponent), maxBytes: nil)
        }
        print("big-down \(seconds(bigDown))")
        print("sessions \(await transport.sessionsOpened)")
        await transport.close()
    }
}

func option(_ name: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else {
        FileHandle.standardError.write(Data("sftp-bench: missing --\(name)\n".utf8))
        exit(2)
    }
    return arguments[index + 1]
}

func seconds(_ duration: Duration) -> String {
    String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
}
