package dev.microworks.wallet.internal;

import dev.microworks.wallet.CredentialAccessDeniedException;
import dev.microworks.wallet.CredentialNotFoundException;
import dev.microworks.wallet.CredentialTamperedException;
import dev.microworks.wallet.KeyVersionRefusedException;
import dev.microworks.wallet.WalletSealedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Wallet failures as problem JSON; their messages name credentials and keys, never values. */
@RestControllerAdvice
class WalletErrors {

  @ExceptionHandler(WalletSealedException.class)
  ProblemDetail sealed(WalletSealedException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Wallet sealed", e.getMessage());
  }

  @ExceptionHandler(CredentialNotFoundException.class)
  ProblemDetail notFound(CredentialNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Credential not set", e.getMessage());
  }

  @ExceptionHandler(CredentialAccessDeniedException.class)
  ProblemDetail denied(CredentialAccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "Decryption refused", e.getMessage());
  }

  @ExceptionHandler({CredentialTamperedException.class, KeyVersionRefusedException.class})
  ProblemDetail unreadable(RuntimeException e) {
    return problem(HttpStatus.CONFLICT, "Credential unreadable", e.getMessage());
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
