package dev.microworks.wallet;

/**
 * The wallet's state.
 *
 * @param provider the key provider's id ({@code local}, {@code pkcs11})
 * @param sealed whether it cannot use its keys
 * @param reason why it is sealed (null when not): what is missing and what to do
 */
public record WalletState(String provider, boolean sealed, String reason) {}
