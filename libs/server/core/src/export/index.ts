// Export: CSV responses.
export * from './csv-response.builder';
