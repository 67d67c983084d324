/**
 * Real time: events between API instances (PostgreSQL LISTEN/NOTIFY) and GraphQL subscriptions
 * over graphql-ws on the API's own port and path (`ws://…/graphql`).
 *
 * A client opens the socket with its access token in the connection parameters,
 * `{ authorization: 'Bearer <accessToken>' }`; no token, or an invalid, expired or revoked one,
 * closes the socket with 4401 (4403 for a suspended account, 4429 past
 * REALTIME_LIMITS.connectionsPerUser, 5); so does the token's expiry while the socket is open: the
 * client reconnects with a fresh token. Delivery is at most once while connected: a client that
 * (re)subscribes re-queries what it watches.
 *
 * Writing a subscription, e.g. `missionUpdated(id)`:
 * 1. Publish in the transaction of the change, ids only (NOTIFY payloads are under 8000 bytes):
 *    `await this.realtime.publish(manager, `mission:${id}`, { missionId: id })`. It reaches the
 *    subscribers of every instance when, and only if, the transaction commits. Topics:
 *    `mission:<id>`, `bid:<id>`, `conversation:<id>`, `notifications:<userId>`.
 * 2. In the resolver (guards and `@CurrentViewer()` work as on queries; anonymous viewers are
 *    refused at the socket already), check access when the subscription starts, with the same
 *    service call as the query, so that it answers NOT_FOUND / FORBIDDEN as the query would; then
 *    return the topic's events, each loaded as the viewer may see it:
 *    ```ts
 *    @Subscription(() => MissionType, { description: '…', resolve: (mission: Mission) => mission })
 *    missionUpdated(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
 *      return this.realtime.follow(RealtimeTopic.mission(id), async () => {
 *        const mission = await this.missions.findVisible(viewer, id);
 *        if (!mission) throw new NotFoundError('Mission');
 *        return mission;
 *      });
 *    }
 *    ```
 *    (see MissionUpdates). `follow` loads once as the access check (its error refuses the
 *    subscription), then after each event; a load that throws later ends the subscription with
 *    that error. With many subscribers to one topic (a conversation), read the event's rows once
 *    for all of them with `oncePerEvent(event, name, read)` and apply each viewer's rules (access,
 *    masking) in memory, as MissionUpdates does. For payloads that need no load,
 *    `mapEvents(this.realtime.listen(topic), …)`.
 *    Each event runs with a request of its own, so DataLoaders and field resolvers read fresh rows.
 * 3. Test it over a real socket: test/support/subscriptions.ts (`subscribe(url, token, query,
 *    variables)`, then `next()`), after `until(() => realtime.listenerCount(topic) > 0)` on the
 *    instance that holds it (a subscription has no acknowledgement in graphql-ws).
 *
 * A subscription whose socket falls SUBSCRIPTION_QUEUE_SIZE events behind is ended with
 * TOO_MANY_REQUESTS; a socket holds at most REALTIME_LIMITS.subscriptionsPerConnection (50).
 */
export * from './event-streams';
export * from './realtime-events';
export * from './realtime.errors';
export * from './realtime.module';
export * from './subscription-queue';
export * from './subscription-sockets';
