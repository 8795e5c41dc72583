package dev.microworks.notify;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresNotificationIntegrationTests extends NotificationIntegrationTests {}
