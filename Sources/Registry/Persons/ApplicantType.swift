/// Who applies for an IP title (contract §9): an organisation (also an enterprise named by its
/// tax code) or a person, whose name is personal data (Law 91/2025/QH15) and is held apart.
public enum ApplicantType: String, Sendable, CaseIterable {
    case organisation
    case person
}
