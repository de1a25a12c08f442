/** The timeline feature: the component and the actions keyboard shortcuts call. */
export { Timeline } from './Timeline';
export { clearBrushOrSelection, panBy, selectAdjacentEvent, zoomBy, zoomIn, zoomOut, zoomReset } from './actions';
