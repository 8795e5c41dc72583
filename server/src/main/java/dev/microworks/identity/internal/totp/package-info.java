/**
 * TOTP second factor building blocks: plain Java, no Spring, no storage.
 *
 * <p>Enrolment: {@link dev.microworks.identity.internal.totp.TotpSecret#generate()}, then {@link
 * dev.microworks.identity.internal.totp.OtpAuthUri#build} and {@link
 * dev.microworks.identity.internal.totp.QrCode#encode} to show it once; store the secret encrypted
 * (the wallet's job) and nowhere else. Login: {@link
 * dev.microworks.identity.internal.totp.Totp#verify} returns the matched step; the caller stores
 * the last accepted step and refuses steps at or below it. Recovery: {@link
 * dev.microworks.identity.internal.totp.RecoveryCodes#generate()} shows the codes once and stores
 * only their {@link dev.microworks.identity.internal.totp.RecoveryCodes#hash hashes}, deleting a
 * hash when its code is used.
 */
package dev.microworks.identity.internal.totp;
