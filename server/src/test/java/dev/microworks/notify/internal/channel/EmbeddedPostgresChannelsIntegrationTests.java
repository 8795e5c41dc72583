package dev.microworks.notify.internal.channel;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresChannelsIntegrationTests extends ChannelsIntegrationTests {}
