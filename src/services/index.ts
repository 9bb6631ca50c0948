// The domain services of one instance, bound to its dependencies. Route
// handlers, inbox listeners and the CLI all call these and nothing else.
import { createLocalAccount } from "./accounts/create-local-account.ts";
import { deleteAccount } from "./accounts/delete-account.ts";
import { moveAccount } from "./accounts/move-account.ts";
import { updateProfile } from "./accounts/update-profile.ts";
import { upsertRemoteAccount } from "./accounts/upsert-remote-account.ts";
import { blockAccount, unblockAccount } from "./blocks/block-account.ts";
import { bookmarkStatus, unbookmarkStatus } from "./bookmarks/bookmark-status.ts";
import type { ServiceDeps } from "./context.ts";
import { readConversation, removeConversation } from "./conversations/manage-conversations.ts";
import { updateCredentials } from "./accounts/update-credentials.ts";
import { setAccountNote } from "./relationships/account-note.ts";
import { blockDomain, unblockDomain } from "./relationships/block-domain.ts";
import { dismissSuggestion } from "./relationships/dismiss-suggestion.ts";
import { endorseAccount, unendorseAccount } from "./relationships/endorse-account.ts";
import { muteAccount, unmuteAccount } from "./relationships/mute-account.ts";
import { featureTag, unfeatureTag } from "./tags/feature-tag.ts";
import { followTag, unfollowTag } from "./tags/follow-tag.ts";
import { acceptFollowRequest } from "./follows/accept-follow-request.ts";
import { followAccount } from "./follows/follow-account.ts";
import { rejectFollowRequest } from "./follows/reject-follow-request.ts";
import { unfollowAccount } from "./follows/unfollow-account.ts";
import { favouriteStatus, unfavouriteStatus } from "./interactions/favourite-status.ts";
import { reblogStatus } from "./interactions/reblog-status.ts";
import { pinStatus, unpinStatus } from "./pins/pin-status.ts";
import { refreshRemotePoll } from "./polls/refresh-remote-poll.ts";
import { voteInPoll } from "./polls/vote-in-poll.ts";
import { addListMembers, removeListMembers } from "./lists/list-members.ts";
import { createList, removeList, updateListSettings } from "./lists/manage-lists.ts";
import { saveMarkers } from "./markers/save-markers.ts";
import { clearNotifications, dismissNotifications } from "./notifications/dismiss-notifications.ts";
import { acceptNotificationRequests, dismissNotificationRequests, updateNotificationPolicy } from "./notifications/notification-requests.ts";
import { cleanUpMedia } from "./media/clean-up-media.ts";
import { deleteMedia } from "./media/delete-media.ts";
import { processProfileImage } from "./media/profile-image.ts";
import { findPendingMedia, updateMedia } from "./media/update-media.ts";
import { uploadMedia } from "./media/upload-media.ts";
import { createStatus } from "./statuses/create-status.ts";
import { deleteStatus } from "./statuses/delete-status.ts";
import { editLocalStatus } from "./statuses/edit-local-status.ts";
import { muteConversation, unmuteConversation } from "./statuses/mute-conversation.ts";
import { postLocalStatus } from "./statuses/post-local-status.ts";
import { cancelScheduledStatus, rescheduleStatus } from "./statuses/schedule-status.ts";
import { runScheduledWork } from "./statuses/scheduler.ts";
import { submitLocalStatus } from "./statuses/submit-status.ts";
import { updateStatus } from "./statuses/update-status.ts";
import { removePushSubscription, subscribeToPush, updatePushSubscription } from "./push/manage-push-subscription.ts";
import { addAnnouncementReaction, dismissAnnouncement, removeAnnouncementReaction } from "./announcements/react-to-announcement.ts";
import { createAnnouncement, removeAnnouncement } from "./announcements/manage-announcements.ts";
import { addFilterStatus, addFilterKeyword, changeFilterKeyword, removeFilterKeyword, removeFilterStatus } from "./filters/filter-rules.ts";
import { createFilter, deleteFilter, updateFilter } from "./filters/manage-filters.ts";
import { createV1Filter, updateV1Filter } from "./filters/v1-filters.ts";
import { addCustomEmoji, removeCustomEmoji } from "./instance/custom-emojis.ts";
import { loadInstanceInfo } from "./instance/instance-info.ts";
import { addInstanceRule, removeInstanceRule, setInstanceSetting } from "./instance/instance-settings.ts";
import { search } from "./search/search.ts";
import { changeRole } from "./moderation/change-role.ts";
import { actOnAccount, decideRegistration, reverseAccountAction } from "./moderation/account-actions.ts";
import { moderateStatus } from "./moderation/status-actions.ts";
import { changeRule, createRule, removeRule } from "./moderation/manage-rules.ts";
import { holdStatus, releaseHold, removeHeldStatus } from "./moderation/status-holds.ts";
import { createDomainAllow, removeDomainAllow, setFederationSetting } from "./moderation/domain-allows.ts";
import { exportDomainBlocks, importDomainBlocks } from "./moderation/domain-block-import.ts";
import {
  addBlocklistSubscription,
  applyBlocklistSubscription,
  refreshBlocklistSubscription,
  refreshDueBlocklistSubscriptions,
  removeBlocklistSubscription,
} from "./moderation/blocklist-subscriptions.ts";
import { applyDomainSilence, createDomainBlock, removeDomainBlock, updateDomainBlockSettings } from "./moderation/domain-blocks.ts";
import { fileReport } from "./reports/file-report.ts";
import { addReportNote, assignReport, recordRemoteOutcome, updateReportCategory } from "./reports/manage-report.ts";
import { reopenReport, resolveReport } from "./reports/resolve-report.ts";
import { findTrendingLinkCard, listTrendingLinks } from "./trends/trending-links.ts";

type Bound<F> = F extends (deps: ServiceDeps, ...args: infer A) => infer R ? (...args: A) => R : never;

function bind<F extends (deps: ServiceDeps, ...args: never[]) => unknown>(deps: ServiceDeps, fn: F): Bound<F> {
  return ((...args: never[]) => fn(deps, ...args)) as Bound<F>;
}

/** Binds every service to one instance's dependencies. */
export function createServices(deps: ServiceDeps) {
  return {
    deps,
    createLocalAccount: bind(deps, createLocalAccount),
    upsertRemoteAccount: bind(deps, upsertRemoteAccount),
    updateProfile: bind(deps, updateProfile),
    deleteAccount: bind(deps, deleteAccount),
    moveAccount: bind(deps, moveAccount),
    changeRole: bind(deps, changeRole),
    actOnAccount: bind(deps, actOnAccount),
    reverseAccountAction: bind(deps, reverseAccountAction),
    decideRegistration: bind(deps, decideRegistration),
    moderateStatus: bind(deps, moderateStatus),
    createRule: bind(deps, createRule),
    changeRule: bind(deps, changeRule),
    removeRule: bind(deps, removeRule),
    holdStatus: bind(deps, holdStatus),
    releaseHold: bind(deps, releaseHold),
    removeHeldStatus: bind(deps, removeHeldStatus),
    createDomainBlock: bind(deps, createDomainBlock),
    updateDomainBlockSettings: bind(deps, updateDomainBlockSettings),
    removeDomainBlock: bind(deps, removeDomainBlock),
    applyDomainSilence: bind(deps, applyDomainSilence),
    createDomainAllow: bind(deps, createDomainAllow),
    removeDomainAllow: bind(deps, removeDomainAllow),
    setFederationSetting: bind(deps, setFederationSetting),
    importDomainBlocks: bind(deps, importDomainBlocks),
    exportDomainBlocks: bind(deps, exportDomainBlocks),
    addBlocklistSubscription: bind(deps, addBlocklistSubscription),
    removeBlocklistSubscription: bind(deps, removeBlocklistSubscription),
    refreshBlocklistSubscription: bind(deps, refreshBlocklistSubscription),
    applyBlocklistSubscription: bind(deps, applyBlocklistSubscription),
    refreshDueBlocklistSubscriptions: bind(deps, refreshDueBlocklistSubscriptions),
    fileReport: bind(deps, fileReport),
    resolveReport: bind(deps, resolveReport),
    reopenReport: bind(deps, reopenReport),
    assignReport: bind(deps, assignReport),
    updateReportCategory: bind(deps, updateReportCategory),
    addReportNote: bind(deps, addReportNote),
    recordRemoteOutcome: bind(deps, recordRemoteOutcome),
    followAccount: bind(deps, followAccount),
    acceptFollowRequest: bind(deps, acceptFollowRequest),
    rejectFollowRequest: bind(deps, rejectFollowRequest),
    unfollowAccount: bind(deps, unfollowAccount),
    createStatus: bind(deps, createStatus),
    postLocalStatus: bind(deps, postLocalStatus),
    updateStatus: bind(deps, updateStatus),
    deleteStatus: bind(deps, deleteStatus),
    subscribeToPush: bind(deps, subscribeToPush),
    updatePushSubscription: bind(deps, updatePushSubscription),
    removePushSubscription: bind(deps, removePushSubscription),
    reblogStatus: bind(deps, reblogStatus),
    favouriteStatus: bind(deps, favouriteStatus),
    unfavouriteStatus: bind(deps, unfavouriteStatus),
    submitLocalStatus: bind(deps, submitLocalStatus),
    editLocalStatus: bind(deps, editLocalStatus),
    rescheduleStatus: bind(deps, rescheduleStatus),
    cancelScheduledStatus: bind(deps, cancelScheduledStatus),
    runScheduledWork: bind(deps, runScheduledWork),
    bookmarkStatus: bind(deps, bookmarkStatus),
    unbookmarkStatus: bind(deps, unbookmarkStatus),
    pinStatus: bind(deps, pinStatus),
    unpinStatus: bind(deps, unpinStatus),
    muteConversation: bind(deps, muteConversation),
    unmuteConversation: bind(deps, unmuteConversation),
    voteInPoll: bind(deps, voteInPoll),
    refreshRemotePoll: bind(deps, refreshRemotePoll),
    blockAccount: bind(deps, blockAccount),
    unblockAccount: bind(deps, unblockAccount),
    createList: bind(deps, createList),
    updateListSettings: bind(deps, updateListSettings),
    removeList: bind(deps, removeList),
    addListMembers: bind(deps, addListMembers),
    removeListMembers: bind(deps, removeListMembers),
    saveMarkers: bind(deps, saveMarkers),
    dismissNotifications: bind(deps, dismissNotifications),
    clearNotifications: bind(deps, clearNotifications),
    acceptNotificationRequests: bind(deps, acceptNotificationRequests),
    dismissNotificationRequests: bind(deps, dismissNotificationRequests),
    updateNotificationPolicy: bind(deps, updateNotificationPolicy),
    readConversation: bind(deps, readConversation),
    removeConversation: bind(deps, removeConversation),
    updateCredentials: bind(deps, updateCredentials),
    muteAccount: bind(deps, muteAccount),
    unmuteAccount: bind(deps, unmuteAccount),
    setAccountNote: bind(deps, setAccountNote),
    endorseAccount: bind(deps, endorseAccount),
    unendorseAccount: bind(deps, unendorseAccount),
    blockDomain: bind(deps, blockDomain),
    unblockDomain: bind(deps, unblockDomain),
    dismissSuggestion: bind(deps, dismissSuggestion),
    followTag: bind(deps, followTag),
    unfollowTag: bind(deps, unfollowTag),
    featureTag: bind(deps, featureTag),
    unfeatureTag: bind(deps, unfeatureTag),
    uploadMedia: bind(deps, uploadMedia),
    findPendingMedia: bind(deps, findPendingMedia),
    updateMedia: bind(deps, updateMedia),
    deleteMedia: bind(deps, deleteMedia),
    processProfileImage: bind(deps, processProfileImage),
    cleanUpMedia: bind(deps, cleanUpMedia),
    createFilter: bind(deps, createFilter),
    updateFilter: bind(deps, updateFilter),
    deleteFilter: bind(deps, deleteFilter),
    addFilterKeyword: bind(deps, addFilterKeyword),
    changeFilterKeyword: bind(deps, changeFilterKeyword),
    removeFilterKeyword: bind(deps, removeFilterKeyword),
    addFilterStatus: bind(deps, addFilterStatus),
    removeFilterStatus: bind(deps, removeFilterStatus),
    createV1Filter: bind(deps, createV1Filter),
    updateV1Filter: bind(deps, updateV1Filter),
    loadInstanceInfo: bind(deps, loadInstanceInfo),
    setInstanceSetting: bind(deps, setInstanceSetting),
    addInstanceRule: bind(deps, addInstanceRule),
    removeInstanceRule: bind(deps, removeInstanceRule),
    addCustomEmoji: bind(deps, addCustomEmoji),
    removeCustomEmoji: bind(deps, removeCustomEmoji),
    createAnnouncement: bind(deps, createAnnouncement),
    removeAnnouncement: bind(deps, removeAnnouncement),
    dismissAnnouncement: bind(deps, dismissAnnouncement),
    addAnnouncementReaction: bind(deps, addAnnouncementReaction),
    removeAnnouncementReaction: bind(deps, removeAnnouncementReaction),
    search: bind(deps, search),
    listTrendingLinks: bind(deps, listTrendingLinks),
    findTrendingLinkCard: bind(deps, findTrendingLinkCard),
  };
}

export type Services = ReturnType<typeof createServices>;
