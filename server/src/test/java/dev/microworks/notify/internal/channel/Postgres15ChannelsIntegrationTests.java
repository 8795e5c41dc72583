package dev.microworks.notify.internal.channel;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15ChannelsIntegrationTests extends ChannelsIntegrationTests {}
