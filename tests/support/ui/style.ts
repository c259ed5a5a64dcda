// Stylesheets mean nothing to jsdom; jest.config.js maps `*.css` here in the ui project.
export default {}
