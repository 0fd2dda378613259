// Placeholder replaced by the SFTP transport work.
public enum TransportPlaceholder {}
