/// The one thing twin commands that turn something on and off do not share: `user grant` and
/// `user revoke` (a province, for a login), `user enable` and `user disable` (the login itself).
protocol Switch { static var on: Bool { get } }
enum On: Switch { static let on = true }
enum Off: Switch { static let on = false }
