// Entry of the profile page's bundle (dist/profile.js).
import type { ProfileHostMessage, ProfileRequest } from '../../../src/protocol/profile/messages';
import { mountPage } from '../shared/mountPage';
import { ProfilePage } from './profilePage';

mountPage<ProfileHostMessage, ProfileRequest>((page) => new ProfilePage(page).handlers);
