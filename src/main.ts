// Entry point of the page.
import { mount } from 'svelte';
// First: the page's language, which every text reads.
import './app/i18n/language.svelte';
import App from './app/App.svelte';

mount(App, { target: document.getElementById('app')! });
