// Forecast: the win probabilities of open deals, a port between insights (provider) and reports (reader).
export * from './deal-win-probabilities.types';
